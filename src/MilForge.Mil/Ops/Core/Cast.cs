using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Mil.Ops.Core;

/// <summary>
/// <c>cast(x, dtype)</c>: converts element types. iOS15 allows <c>int32</c>, <c>fp16</c>, <c>fp32</c> and <c>bool</c>;
/// iOS17 adds 8- and 16-bit integers.
/// </summary>
internal class Cast : OpDefinition
{
    /// <summary>The targets of the iOS15 version.</summary>
    protected static readonly string[] Ios15Targets = ["int32", "fp16", "fp32", "bool"];

    /// <summary>The targets of the iOS17 version.</summary>
    protected static readonly string[] Ios17Targets = [.. Ios15Targets, "int8", "uint8", "int16", "uint16"];

    public override string Name => "cast";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.Any),
        InputSpec.Const("dtype", TypeDomain.String),
    ];

    protected virtual IReadOnlyList<string> AllowedTargets => Ios15Targets;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var name = inputs.String("dtype");
        if (!AllowedTargets.Contains(name) && Ios17Targets.Contains(name))
        {
            // A later version of the op has it: say which target is needed, as for an op that is too new.
            throw new DiagnosticException(DiagnosticCodes.MilOpUnavailable,
                $"cast '{inputs.OpName}': dtype '{name}' needs deployment target {DeploymentTarget.iOS17} or later; the program targets {inputs.Target}.",
                inputs.Origin);
        }
        if (!AllowedTargets.Contains(name) || !DataTypes.TryParseMilName(name, out var target))
        {
            throw inputs.TypeError($"dtype '{name}' is not one of {string.Join(", ", AllowedTargets)} at {Since}");
        }
        return [inputs.Type("x").WithDataType(target)];
    }
}

/// <summary>iOS17 <c>cast</c>: adds int8, uint8, int16 and uint16 targets.</summary>
internal sealed class CastIos17 : Cast
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override IReadOnlyList<string> AllowedTargets => Ios17Targets;
}
