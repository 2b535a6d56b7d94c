using MilForge.Mil.Ops.Conv;
using MilForge.Numerics;

namespace MilForge.Mil.Ops.Pool;

/// <summary>
/// Shared definition of <c>max_pool</c>, <c>avg_pool</c> and <c>l2_pool</c>: x [N, C, *D], kernel_sizes,
/// strides (default 1s), pad_type (required), pad (default 0s), ceil_mode (default False).
/// </summary>
internal abstract class PoolOp : OpDefinition
{
    public override IReadOnlyList<InputSpec> Inputs => field ??= BuildInputs();

    /// <summary>Extra inputs of a particular pool.</summary>
    protected virtual IEnumerable<InputSpec> ExtraInputs => [];

    private List<InputSpec> BuildInputs() =>
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("kernel_sizes", TypeDomain.Int32),
        InputSpec.OptionalConst("strides", TypeDomain.Int32, i => Tensor.Vector(Enumerable.Repeat(1, SpatialRank(i)).ToArray())),
        InputSpec.Const("pad_type", TypeDomain.String),
        InputSpec.OptionalConst("pad", TypeDomain.Int32, i => Tensor.Vector(new int[2 * SpatialRank(i)])),
        .. ExtraInputs,
        InputSpec.OptionalConst("ceil_mode", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    // Defaults are computed before inference validates x, so a bad rank must not make them throw.
    private static int SpatialRank(OpInputs i) => Math.Max(0, i.Type("x").Rank - 2);

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank is < 3 or > 5)
        {
            throw inputs.ShapeError($"x {x.Shape} must be [N, C, *D] with 1–3 spatial dims");
        }
        var kernel = inputs.Ints("kernel_sizes");
        if (kernel.Length != x.Rank - 2 || kernel.Any(k => k < 1))
        {
            throw inputs.ShapeError($"kernel_sizes [{string.Join(",", kernel)}] do not fit {x.Rank - 2} spatial dims");
        }
        var dims = new List<Dim> { x.Shape[0], x.Shape[1] };
        dims.AddRange(ConvOp.SpatialOutput(inputs, x, [.. kernel.Select(k => Dim.Of(k))], null, inputs.Bool("ceil_mode")));
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}

/// <summary><c>max_pool</c>: maximum over each window (padding never wins).</summary>
internal sealed class MaxPool : PoolOp
{
    public override string Name => "max_pool";
}

/// <summary><c>avg_pool</c>: mean over each window; <c>exclude_padding_from_average</c> (default False) divides by the in-bounds count.</summary>
internal sealed class AvgPool : PoolOp
{
    public override string Name => "avg_pool";

    protected override IEnumerable<InputSpec> ExtraInputs =>
        [InputSpec.OptionalConst("exclude_padding_from_average", TypeDomain.Bool, _ => Tensor.Scalar(false))];
}

/// <summary><c>l2_pool</c>: sqrt of the sum of squares over each window.</summary>
internal sealed class L2Pool : PoolOp
{
    public override string Name => "l2_pool";
}
