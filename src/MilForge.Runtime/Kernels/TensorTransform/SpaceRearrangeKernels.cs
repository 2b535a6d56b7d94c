using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>depth_to_space</c>, <c>space_to_depth</c>, <c>space_to_batch</c> and <c>batch_to_space</c> as a gather over a
/// computed index map (positions in the padding of space_to_batch read zero).
/// </summary>
internal sealed class SpaceRearrangeKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["depth_to_space", "space_to_depth", "space_to_batch", "batch_to_space"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var s = x.ShapeArray();
        if (s.Length != 4)
        {
            throw context.Error($"x must have rank 4, got [{string.Join(",", s)}]");
        }
        var (map, shape) = context.Op.Type switch
        {
            "depth_to_space" => DepthToSpace(context, s),
            "space_to_depth" => SpaceToDepth(context, s),
            "space_to_batch" => SpaceToBatch(context, s),
            _ => BatchToSpace(context, s),
        };
        return [TensorGather.Take(x, map, shape).CastTo(context.OutputType())];
    }

    private static (int[] Map, int[] Shape) DepthToSpace(KernelContext context, int[] s)
    {
        var b = BlockSize(context, s, channels: true);
        var c = s[1] / (b * b);
        int[] shape = [s[0], c, s[2] * b, s[3] * b];
        var map = new int[Broadcasting.Product(shape)];
        var o = 0;
        for (var n = 0; n < shape[0]; n++)
        {
            for (var ch = 0; ch < c; ch++)
            {
                for (var y = 0; y < shape[2]; y++)
                {
                    for (var z = 0; z < shape[3]; z++)
                    {
                        var source = (((y % b * b) + (z % b)) * c) + ch;
                        map[o++] = Flat(s, n, source, y / b, z / b);
                    }
                }
            }
        }
        return (map, shape);
    }

    private static (int[] Map, int[] Shape) SpaceToDepth(KernelContext context, int[] s)
    {
        var b = BlockSize(context, s, channels: false);
        var c = s[1];
        int[] shape = [s[0], c * b * b, s[2] / b, s[3] / b];
        var map = new int[Broadcasting.Product(shape)];
        var o = 0;
        for (var n = 0; n < shape[0]; n++)
        {
            for (var ch = 0; ch < shape[1]; ch++)
            {
                var (block, source) = (ch / c, ch % c);
                for (var y = 0; y < shape[2]; y++)
                {
                    for (var z = 0; z < shape[3]; z++)
                    {
                        map[o++] = Flat(s, n, source, (y * b) + (block / b), (z * b) + (block % b));
                    }
                }
            }
        }
        return (map, shape);
    }

    private static (int[] Map, int[] Shape) SpaceToBatch(KernelContext context, int[] s)
    {
        var (block, pads) = BlockAndMargins(context, "paddings");
        var (h, w) = (s[2] + pads[0] + pads[1], s[3] + pads[2] + pads[3]);
        if (h % block[0] != 0 || w % block[1] != 0)
        {
            throw context.Error($"padded spatial dims [{h},{w}] are not divisible by block_shape [{block[0]},{block[1]}]");
        }
        int[] shape = [s[0] * block[0] * block[1], s[1], h / block[0], w / block[1]];
        var map = new int[Broadcasting.Product(shape)];
        var o = 0;
        for (var nb = 0; nb < shape[0]; nb++)
        {
            var (offset, n) = Math.DivRem(nb, s[0]);
            var (i, j) = Math.DivRem(offset, block[1]);
            for (var ch = 0; ch < shape[1]; ch++)
            {
                for (var y = 0; y < shape[2]; y++)
                {
                    for (var z = 0; z < shape[3]; z++)
                    {
                        var (sy, sz) = ((y * block[0]) + i - pads[0], (z * block[1]) + j - pads[2]);
                        map[o++] = sy >= 0 && sy < s[2] && sz >= 0 && sz < s[3] ? Flat(s, n, ch, sy, sz) : -1;
                    }
                }
            }
        }
        return (map, shape);
    }

    private static (int[] Map, int[] Shape) BatchToSpace(KernelContext context, int[] s)
    {
        var (block, crops) = BlockAndMargins(context, "crops");
        var product = block[0] * block[1];
        int[] shape = [s[0] / product, s[1], (s[2] * block[0]) - crops[0] - crops[1], (s[3] * block[1]) - crops[2] - crops[3]];
        if (s[0] % product != 0 || shape[2] <= 0 || shape[3] <= 0)
        {
            throw context.Error($"[{string.Join(",", s)}] does not fit block_shape [{block[0]},{block[1]}] and crops");
        }
        var map = new int[Broadcasting.Product(shape)];
        var o = 0;
        for (var n = 0; n < shape[0]; n++)
        {
            for (var ch = 0; ch < shape[1]; ch++)
            {
                for (var y = 0; y < shape[2]; y++)
                {
                    var (py, i) = Math.DivRem(y + crops[0], block[0]);
                    for (var z = 0; z < shape[3]; z++)
                    {
                        var (pz, j) = Math.DivRem(z + crops[2], block[1]);
                        map[o++] = Flat(s, (((i * block[1]) + j) * shape[0]) + n, ch, py, pz);
                    }
                }
            }
        }
        return (map, shape);
    }

    private static int BlockSize(KernelContext context, int[] s, bool channels)
    {
        var b = (int)context.Input("block_size").GetLong(0);
        if (b < 1 || (channels ? s[1] % (b * b) : (s[2] % b) + (s[3] % b)) != 0)
        {
            throw context.Error($"block_size {b} does not divide the {(channels ? "channels" : "spatial dims")} of [{string.Join(",", s)}]");
        }
        return b;
    }

    private static (int[] Block, int[] Margins) BlockAndMargins(KernelContext context, string marginName)
    {
        var block = context.Input("block_shape").AsInts();
        var margins = context.Input(marginName).AsInts();
        if (block.Length != 2 || margins.Length != 4 || block.Any(b => b < 1) || margins.Any(m => m < 0))
        {
            throw context.Error($"block_shape must be 2 positive ints and {marginName} 2×2 non-negative ints");
        }
        return (block, margins);
    }

    private static int Flat(int[] s, int n, int c, int h, int w) => (((((n * s[1]) + c) * s[2]) + h) * s[3]) + w;
}
