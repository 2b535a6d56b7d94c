using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary><c>transpose(x, perm)</c>: output dim i is input dim perm[i] (negative entries count from the end).</summary>
internal sealed class Transpose : OpDefinition
{
    public override string Name => "transpose";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Const("perm", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var perm = inputs.Ints("perm").Select(p => inputs.Axis(p, x.Rank)).ToArray();
        if (perm.Length != x.Rank || perm.Distinct().Count() != perm.Length)
        {
            throw inputs.ShapeError($"perm [{string.Join(", ", inputs.Ints("perm"))}] is not a permutation of rank {x.Rank}");
        }
        return [new TensorType(x.DataType, new Shape(perm.Select(p => x.Shape[p])))];
    }
}
