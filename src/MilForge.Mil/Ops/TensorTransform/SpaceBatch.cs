using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>space_to_batch(x, block_shape, paddings)</c>: rank-4 [N, C, H, W], zero-padded by paddings [2, 2], becomes
/// [N·b0·b1, C, (H+pads)/b0, (W+pads)/b1]; output batch (i·b1+j)·N + n at (h, w) is padded input (n, c, h·b0+i, w·b1+j)
/// (TensorFlow's space_to_batch_nd on the two spatial dims).
/// </summary>
internal sealed class SpaceToBatch : OpDefinition
{
    public override string Name => "space_to_batch";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("block_shape", TypeDomain.Int32),
        InputSpec.Const("paddings", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [SpaceBatching.Infer(inputs, "paddings", toBatch: true)];
}

/// <summary>
/// <c>batch_to_space(x, block_shape, crops)</c>: the inverse of <c>space_to_batch</c>, rank-4 [N·b0·b1, C, H, W] →
/// [N, C, H·b0 − crops, W·b1 − crops].
/// </summary>
internal sealed class BatchToSpace : OpDefinition
{
    public override string Name => "batch_to_space";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("block_shape", TypeDomain.Int32),
        InputSpec.Const("crops", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [SpaceBatching.Infer(inputs, "crops", toBatch: false)];
}

/// <summary>Shape inference shared by space_to_batch and batch_to_space.</summary>
internal static class SpaceBatching
{
    public static TensorType Infer(OpInputs inputs, string marginName, bool toBatch)
    {
        var x = inputs.Type("x");
        var block = inputs.Ints("block_shape");
        var margins = inputs.Ints(marginName);
        if (x.Rank != 4)
        {
            throw inputs.ShapeError($"x must have rank 4, got {x.Shape}");
        }
        if (block.Length != 2 || inputs.Type("block_shape").Rank != 1 || !inputs.Type(marginName).Shape.Equals(new Shape([Dim.Of(2), Dim.Of(2)])))
        {
            throw inputs.ShapeError($"block_shape must be [2] and {marginName} [2, 2]");
        }
        if (block.Any(b => b < 1) || margins.Any(m => m < 0))
        {
            throw inputs.ShapeError($"block_shape must be positive and {marginName} non-negative");
        }
        var d = x.Shape.Dims;
        var product = (long)block[0] * block[1];
        Dim Known(int axis, Func<long, long?> size)
        {
            if (!d[axis].IsKnown)
            {
                return Dim.Of($"{inputs.OpName}_d{axis}");
            }
            return size(d[axis].Size) is { } s and >= 0 ? Dim.Of(s)
                : throw inputs.ShapeError($"dim {axis} ({d[axis].Size}) does not fit block_shape [{block[0]}, {block[1]}] and {marginName}");
        }
        if (toBatch)
        {
            long? Spatial(long size, int k) => (size + margins[2 * k] + margins[(2 * k) + 1]) is var p && p % block[k] == 0 ? p / block[k] : null;
            return new TensorType(x.DataType, new Shape([Known(0, n => n * product), d[1], Known(2, h => Spatial(h, 0)), Known(3, w => Spatial(w, 1))]));
        }
        long? Cropped(long size, int k) => (size * block[k]) - margins[2 * k] - margins[(2 * k) + 1] is var c && c > 0 ? c : null;
        return new TensorType(x.DataType, new Shape([Known(0, n => n % product == 0 ? n / product : null), d[1], Known(2, h => Cropped(h, 0)), Known(3, w => Cropped(w, 1))]));
    }
}
