using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// DepthToSpace and SpaceToDepth on rank-4 NCHW with a static shape. DepthToSpace CRD on fp16/fp32 is MIL
/// <c>pixel_shuffle</c>; DCR (the default), CRD on other types and SpaceToDepth (whose channel order is block-major,
/// unlike <c>pixel_unshuffle</c>) are a reshape to rank 6, a transpose and a reshape.
/// </summary>
[OnnxOp("DepthToSpace", 1, 11, 13)]
[OnnxOp("SpaceToDepth", 1, 13)]
internal sealed class DepthSpace : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var s = ConverterHelpers.StaticShape(context, x, context.OpType);
        if (s.Length != 4)
        {
            throw context.Unsupported($"the input must be 4-D (NCHW), got {x.Shape}");
        }
        var b = checked((int)context.Attributes.Int("blocksize"));
        if (b < 1)
        {
            throw context.Unsupported($"blocksize must be positive, got {b}");
        }
        var (n, c, h, w) = (s[0], s[1], s[2], s[3]);
        if (context.OpType == "SpaceToDepth")
        {
            if (h % b != 0 || w % b != 0)
            {
                throw context.Unsupported($"H and W of {x.Shape} must be divisible by blocksize {b}");
            }
            context.SetOutput(0, Rearrange(context, x, [n, c, h / b, b, w / b, b], [0, 3, 5, 1, 2, 4], [n, c * b * b, h / b, w / b]));
            return;
        }
        if (c % (b * b) != 0)
        {
            throw context.Unsupported($"C of {x.Shape} must be divisible by blocksize² {b * b}");
        }
        var mode = context.Since >= 11 ? context.Attributes.String("mode", "DCR") : "DCR";
        var depth = c / (b * b);
        switch (mode)
        {
            case "CRD" when x.DataType.IsFloat():
                context.SetOutput(0, context.Op("pixel_shuffle", new() { { "x", x }, { "upscale_factor", b } }));
                break;
            case "CRD":
                context.SetOutput(0, Rearrange(context, x, [n, depth, b, b, h, w], [0, 1, 4, 2, 5, 3], [n, depth, h * b, w * b]));
                break;
            case "DCR":
                context.SetOutput(0, Rearrange(context, x, [n, b, b, depth, h, w], [0, 3, 4, 1, 5, 2], [n, depth, h * b, w * b]));
                break;
            default:
                throw context.Unsupported($"mode '{mode}' is not supported (DCR or CRD)");
        }
    }

    private static Value Rearrange(OnnxNodeContext context, Value x, int[] split, int[] perm, int[] shape)
    {
        var name = context.OutputName();
        var blocks = ConverterHelpers.Reshape(context, x, split, $"{name}_blocks");
        var moved = context.Op("transpose", new() { { "x", blocks }, { "perm", perm } }, $"{name}_moved");
        return ConverterHelpers.Reshape(context, moved, shape, name);
    }
}
