using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>pixel_shuffle(x, upscale_factor)</c>: rank-4 [N, C·f², H, W] → [N, C, H·f, W·f]; output (n, c, h·f+i, w·f+j)
/// is input (n, c·f²+i·f+j, h, w) (PyTorch's PixelShuffle, ONNX DepthToSpace CRD).
/// </summary>
internal sealed class PixelShuffle : OpDefinition
{
    public override string Name => "pixel_shuffle";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("upscale_factor", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [PixelShuffling.Infer(inputs, inputs.Int("upscale_factor"), upscale: true)];
}

/// <summary>
/// <c>pixel_unshuffle(x, downscale_factor)</c> (iOS16): the inverse of <c>pixel_shuffle</c>, rank-4
/// [N, C, H·f, W·f] → [N, C·f², H, W]; downscale_factor is a uint32 const.
/// </summary>
internal sealed class PixelUnshuffle : OpDefinition
{
    private static readonly TypeDomain Factor = new(null, [DataType.UInt32, DataType.Int32]);

    public override string Name => "pixel_unshuffle";

    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("downscale_factor", Factor),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [PixelShuffling.Infer(inputs, inputs.Int("downscale_factor"), upscale: false)];
}

/// <summary>Shape inference shared by pixel_shuffle and pixel_unshuffle.</summary>
internal static class PixelShuffling
{
    public static TensorType Infer(OpInputs inputs, int factor, bool upscale)
    {
        var x = inputs.Type("x");
        if (x.Rank != 4)
        {
            throw inputs.ShapeError($"x must have rank 4, got {x.Shape}");
        }
        if (factor < 1)
        {
            throw inputs.ShapeError($"the factor must be positive, got {factor}");
        }
        var d = x.Shape.Dims;
        var square = (long)factor * factor;
        Dim Scaled(int axis, long divisor, long multiplier)
        {
            if (!d[axis].IsKnown)
            {
                return Dim.Of($"{inputs.OpName}_d{axis}");
            }
            return d[axis].Size % divisor == 0 ? Dim.Of(d[axis].Size / divisor * multiplier)
                : throw inputs.ShapeError($"dim {axis} ({d[axis].Size}) is not divisible by {divisor}");
        }
        return upscale
            ? new TensorType(x.DataType, new Shape([d[0], Scaled(1, square, 1), Scaled(2, 1, factor), Scaled(3, 1, factor)]))
            : new TensorType(x.DataType, new Shape([d[0], Scaled(1, 1, square), Scaled(2, factor, 1), Scaled(3, factor, 1)]));
    }
}
