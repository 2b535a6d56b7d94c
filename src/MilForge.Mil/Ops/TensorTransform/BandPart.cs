using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>band_part(x, lower=-1, upper=-1)</c>: keeps the band of each innermost matrix — element (m, n) stays when
/// (lower &lt; 0 or m − n ≤ lower) and (upper &lt; 0 or n − m ≤ upper) — and zeroes the rest (false for bool).
/// <c>band_part(x, -1, 0)</c> is the lower triangle, <c>band_part(x, 0, -1)</c> the upper one.
/// </summary>
internal sealed class BandPart : OpDefinition
{
    public override string Name => "band_part";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", new TypeDomain("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool])),
        InputSpec.OptionalConst("lower", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("upper", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank < 2)
        {
            throw inputs.ShapeError($"x {x.Shape} must have at least 2 dims (band_part works on the innermost matrices)");
        }
        return [x];
    }
}
