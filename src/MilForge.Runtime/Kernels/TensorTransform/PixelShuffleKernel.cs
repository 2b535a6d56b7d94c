using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>pixel_shuffle</c> and <c>pixel_unshuffle</c> as a reshape, a rank-6 transpose and a reshape.</summary>
internal sealed class PixelShuffleKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["pixel_shuffle", "pixel_unshuffle"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var upscale = context.Op.Type == "pixel_shuffle";
        var f = (int)context.Input(upscale ? "upscale_factor" : "downscale_factor").GetLong(0);
        var s = x.ShapeArray();
        if (s.Length != 4 || f < 1 || (upscale ? s[1] % (f * f) : (s[2] % f) + (s[3] % f)) != 0)
        {
            throw context.Error($"cannot {(upscale ? "upscale" : "downscale")} [{string.Join(",", s)}] by {f}");
        }
        Tensor result;
        if (upscale)
        {
            var c = s[1] / (f * f);
            var t = TransposeKernel.Transpose(x.Reshape([s[0], c, f, f, s[2], s[3]]), [0, 1, 4, 2, 5, 3]);
            result = t.Reshape([s[0], c, s[2] * f, s[3] * f]);
        }
        else
        {
            var (h, w) = (s[2] / f, s[3] / f);
            var t = TransposeKernel.Transpose(x.Reshape([s[0], s[1], h, f, w, f]), [0, 1, 3, 5, 2, 4]);
            result = t.Reshape([s[0], s[1] * f * f, h, w]);
        }
        return [result.CastTo(context.OutputType())];
    }
}
