namespace MilForge.CoreML.Package;

/// <summary>Options of <see cref="MlPackageWriter"/>.</summary>
public sealed record PackageOptions
{
    /// <summary>Entries for Metadata.userDefined (e.g. the source model and MilForge's version).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Write <c>Data/com.milforge/origins.json</c> (the ONNX node behind each op) when any op has an origin.</summary>
    public bool WriteOrigins { get; init; } = true;

    /// <summary>Replace an existing package at the target path.</summary>
    public bool Overwrite { get; init; } = true;
}
