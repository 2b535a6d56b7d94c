using MilForge.Numerics;

namespace MilForge.Mil.Ops.Core;

/// <summary>
/// <c>cast(x, dtype)</c>: converts element types. iOS15 allows <c>int32</c>, <c>fp16</c>, <c>fp32</c> and <c>bool</c>;
/// iOS17 adds 8- and 16-bit integers.
/// </summary>
internal class Cast : OpDefinition
{
    public override string Name => "cast";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.Any),
        InputSpec.Const("dtype", TypeDomain.String),
    ];

    protected virtual IReadOnlyList<string> AllowedTargets { get; } = ["int32", "fp16", "fp32", "bool"];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var name = inputs.String("dtype");
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

    protected override IReadOnlyList<string> AllowedTargets { get; } = ["int32", "fp16", "fp32", "bool", "int8", "uint8", "int16", "uint16"];
}
