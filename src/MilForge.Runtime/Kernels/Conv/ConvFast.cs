using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// The fast convolution: depthwise convs run a direct loop over the (small) kernel; every other conv lowers each
/// group to a matrix product W[Cout/g, Cin/g·K] × cols[Cin/g·K, out] (im2col; a 1×1, stride-1, unpadded conv uses the
/// input as it is) done by <see cref="Gemm"/>. Sums are binary32. Must agree with <see cref="ConvReference"/>, also
/// where NaN and ±Inf appear (a padded position contributes nothing, even against a non-finite weight).
/// </summary>
internal static class ConvFast
{
    public static float[] Run(ConvProblem p)
    {
        var w = p.Window;
        var result = new float[p.Batch * p.Cout * w.OutputSize];
        if (p.CinPerGroup == 1 && p.CoutPerGroup == 1)
        {
            Depthwise(p, result);
            return result;
        }
        var rows = p.CinPerGroup * w.KernelSize;
        var identity = w.KernelSize == 1 && w.Strides.All(s => s == 1) && w.PadBegin.All(v => v == 0) && w.PadEnd.All(v => v == 0);
        if (!identity && (w.PadBegin.Any(v => v > 0) || w.PadEnd.Any(v => v > 0)) && !Array.TrueForAll(p.W, float.IsFinite))
        {
            // im2col stores padding as zeros and 0·±Inf is NaN, where the reference skips padded positions: a
            // non-finite weight (an FP16 overflow) would turn border outputs into NaN. Such convs run the reference.
            return [.. ConvReference.Run(p, roundPartialSums: false).Select(v => (float)v)];
        }
        var cols = identity ? null : new float[rows * w.OutputSize];
        for (var n = 0; n < p.Batch; n++)
        {
            for (var g = 0; g < p.Groups; g++)
            {
                var inputOffset = ((n * p.Cin) + (g * p.CinPerGroup)) * w.InputSize;
                var outputOffset = ((n * p.Cout) + (g * p.CoutPerGroup)) * w.OutputSize;
                var weightOffset = g * p.CoutPerGroup * rows;
                if (identity)
                {
                    Gemm.Multiply(p.W, weightOffset, rows, p.X, inputOffset, result, outputOffset, p.CoutPerGroup, rows, w.OutputSize, p.Bias, g * p.CoutPerGroup);
                }
                else
                {
                    Im2Col(p, inputOffset, cols!);
                    Gemm.Multiply(p.W, weightOffset, rows, cols!, 0, result, outputOffset, p.CoutPerGroup, rows, w.OutputSize, p.Bias, g * p.CoutPerGroup);
                }
            }
        }
        return result;
    }

    private static void Im2Col(ConvProblem p, int inputOffset, float[] cols)
    {
        var w = p.Window;
        var (kd, kh, kw) = ConvReference.KernelOffsets(w);
        Parallel.For(0, p.CinPerGroup * w.KernelSize, row =>
        {
            var (ci, k) = (row / w.KernelSize, row % w.KernelSize);
            var xBase = inputOffset + (ci * w.InputSize);
            var dest = row * w.OutputSize;
            for (var od = 0; od < w.Output[0]; od++)
            {
                var d = (od * w.Strides[0]) - w.PadBegin[0] + kd[k];
                for (var oh = 0; oh < w.Output[1]; oh++)
                {
                    var h = (oh * w.Strides[1]) - w.PadBegin[1] + kh[k];
                    var rowInside = (uint)d < (uint)w.Input[0] && (uint)h < (uint)w.Input[1];
                    var lineBase = xBase + (((d * w.Input[1]) + h) * w.Input[2]);
                    for (var ow = 0; ow < w.Output[2]; ow++)
                    {
                        var ww = (ow * w.Strides[2]) - w.PadBegin[2] + kw[k];
                        cols[dest++] = rowInside && (uint)ww < (uint)w.Input[2] ? p.X[lineBase + ww] : 0;
                    }
                }
            }
        });
    }

    private static void Depthwise(ConvProblem p, float[] result)
    {
        var w = p.Window;
        var (kd, kh, kw) = ConvReference.KernelOffsets(w);
        Parallel.For(0, p.Batch * p.Cout, plane =>
        {
            var c = plane % p.Cout;
            var xBase = plane * w.InputSize;
            var wBase = c * w.KernelSize;
            var o = plane * w.OutputSize;
            var bias = p.Bias?[c] ?? 0;
            for (var od = 0; od < w.Output[0]; od++)
            {
                for (var oh = 0; oh < w.Output[1]; oh++)
                {
                    for (var ow = 0; ow < w.Output[2]; ow++)
                    {
                        var d0 = (od * w.Strides[0]) - w.PadBegin[0];
                        var h0 = (oh * w.Strides[1]) - w.PadBegin[1];
                        var w0 = (ow * w.Strides[2]) - w.PadBegin[2];
                        var sum = bias;
                        for (var k = 0; k < kd.Length; k++)
                        {
                            var (d, h, x) = (d0 + kd[k], h0 + kh[k], w0 + kw[k]);
                            if ((uint)d < (uint)w.Input[0] && (uint)h < (uint)w.Input[1] && (uint)x < (uint)w.Input[2])
                            {
                                sum += p.X[xBase + (((d * w.Input[1]) + h) * w.Input[2]) + x] * p.W[wBase + k];
                            }
                        }
                        result[o++] = sum;
                    }
                }
            }
        });
    }
}
