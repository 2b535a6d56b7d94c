using MilForge.Numerics;

namespace MilForge.Mil.Ops.Elementwise;

/// <summary><c>select(cond, a, b)</c>: a where cond is true, else b; all three broadcast.</summary>
internal sealed class Select : OpDefinition
{
    public override string Name => "select";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("cond", TypeDomain.Bool),
        InputSpec.Required("a", TypeDomain.AnyT),
        InputSpec.Required("b", TypeDomain.AnyT),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var cond = inputs.Type("cond");
        var a = inputs.Type("a");
        var b = inputs.Type("b");
        var shape = Broadcasting.TryBroadcast(a.Shape, b.Shape) is { } ab ? Broadcasting.TryBroadcast(cond.Shape, ab) : null;
        return shape is null
            ? throw inputs.ShapeError($"shapes {cond.Shape}, {a.Shape} and {b.Shape} do not broadcast")
            : [new TensorType(a.DataType, shape)];
    }
}
