namespace MilForge.CoreML.Package;

/// <summary>Options of <see cref="MlPackageWriter"/>.</summary>
public sealed record PackageOptions
{
    /// <summary>Entries for Metadata.userDefined (e.g. the source model and MilForge's version).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Write <c>Data/com.milforge/origins.json</c> (the ONNX node behind each op) when any op has an origin.</summary>
    public bool WriteOrigins { get; init; } = true;

    /// <summary>Replace an existing Core ML package at the target path (anything else there is refused unless <see cref="Force"/>).</summary>
    public bool Overwrite { get; init; } = true;

    /// <summary>Replace whatever is at the target path, even a file or a folder that is not a Core ML package.</summary>
    public bool Force { get; init; }
}
