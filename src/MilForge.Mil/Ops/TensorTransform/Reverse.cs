using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary><c>reverse(x, axes)</c>: x with the order along each of <c>axes</c> (default: all) reversed.</summary>
internal sealed class Reverse : OpDefinition
{
    private static readonly TypeDomain Elements = new("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool]);

    public override string Name => "reverse";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", Elements),
        InputSpec.OptionalConst("axes", TypeDomain.Int32, i => Tensor.Vector(Enumerable.Range(0, i.Type("x").Rank).ToArray())),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        foreach (var axis in inputs.Ints("axes"))
        {
            inputs.Axis(axis, x.Rank);
        }
        return [x];
    }
}
