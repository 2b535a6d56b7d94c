namespace MilForge.Mil;

/// <summary>
/// The minimum OS a Core ML ML Program targets. The numeric value is the Core ML specification version, and the
/// MIL opset is <c>CoreML(spec − 1)</c> (facts doc §3.5, §4).
/// </summary>
public enum DeploymentTarget
{
    /// <summary>iOS15 / macOS12: specification 6, opset CoreML5. The first target with ML Programs.</summary>
    iOS15 = 6,
    /// <summary>iOS16 / macOS13: specification 7, opset CoreML6. Adds FP16 model I/O.</summary>
    iOS16 = 7,
    /// <summary>iOS17 / macOS14: specification 8, opset CoreML7.</summary>
    iOS17 = 8,
    /// <summary>iOS18 / macOS15: specification 9, opset CoreML8.</summary>
    iOS18 = 9,
}

/// <summary>Facts about <see cref="DeploymentTarget"/>.</summary>
public static class DeploymentTargets
{
    /// <summary>The Core ML specification version written into <c>Model.specificationVersion</c>.</summary>
    public static int SpecificationVersion(this DeploymentTarget target) => (int)target;

    /// <summary>The MIL opset string written into <c>Function.opset</c>, e.g. <c>CoreML6</c>.</summary>
    public static string Opset(this DeploymentTarget target) => "CoreML" + ((int)target - 1);

    /// <summary>The target whose opset string is <paramref name="opset"/>, if any.</summary>
    public static DeploymentTarget? FromOpset(string opset) =>
        Enum.GetValues<DeploymentTarget>().Cast<DeploymentTarget?>().FirstOrDefault(t => t!.Value.Opset() == opset);

    /// <summary>The target for a specification version, if it is one MilForge knows.</summary>
    public static DeploymentTarget? FromSpecificationVersion(int version) =>
        Enum.IsDefined(typeof(DeploymentTarget), version) ? (DeploymentTarget)version : null;

    /// <summary>Parses <c>iOS16</c>, <c>ios16</c> or <c>16</c>.</summary>
    public static bool TryParse(string text, out DeploymentTarget target)
    {
        var digits = text.StartsWith("ios", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        foreach (var t in Enum.GetValues<DeploymentTarget>())
        {
            if (t.ToString()[3..] == digits)
            {
                target = t;
                return true;
            }
        }
        target = default;
        return false;
    }
}
