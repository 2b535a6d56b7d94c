using System.Buffers;
using System.Numerics.Tensors;
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
        if (identity)
        {
            for (var n = 0; n < p.Batch; n++)
            {
                for (var g = 0; g < p.Groups; g++)
                {
                    var inputOffset = ((n * p.Cin) + (g * p.CinPerGroup)) * w.InputSize;
                    var outputOffset = ((n * p.Cout) + (g * p.CoutPerGroup)) * w.OutputSize;
                    Gemm.Multiply(p.W, g * p.CoutPerGroup * rows, rows, p.X, inputOffset, result, outputOffset, p.CoutPerGroup, rows, w.OutputSize, p.Bias, g * p.CoutPerGroup);
                }
            }
            return result;
        }
        // im2col one band of output positions at a time into a pooled buffer (rows × band), then multiply it: the
        // buffer stays in cache and no image-sized column matrix is ever allocated.
        Im2ColBands.ForEach(p, band =>
        {
            var cols = ArrayPool<float>.Shared.Rent(rows * band.Width);
            try
            {
                Im2ColBands.Fill(p, band, cols);
                Gemm.MultiplySerial(p.W, band.Group * p.CoutPerGroup * rows, rows, cols, 0, band.Width, result, band.OutputOffset + band.Start,
                    w.OutputSize, p.CoutPerGroup, rows, band.Width, p.Bias, band.Group * p.CoutPerGroup);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(cols);
            }
        });
        return result;
    }

    private static void Depthwise(ConvProblem p, float[] result)
    {
        var w = p.Window;
        if (w.Input[0] == 1 && w.Output[0] == 1 && w.Kernel[0] == 1 && w.PadBegin[0] == 0)
        {
            DepthwisePlanar(p, result);
            return;
        }
        var (kd, kh, kw) = ConvReference.KernelOffsets(w);
        WorkSplitter.For(p.Batch * p.Cout, (long)p.Batch * p.Cout * w.OutputSize * w.KernelSize, plane =>
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

    /// <summary>
    /// 1-D and 2-D depthwise convs, one output row at a time: each kernel tap adds weight × (a strip of one input row)
    /// to the row, vectorised when the stride is 1. Taps are added in the reference's order; positions in the padding
    /// are skipped, never multiplied.
    /// </summary>
    private static void DepthwisePlanar(ConvProblem p, float[] result)
    {
        var w = p.Window;
        var (_, kh, kw) = ConvReference.KernelOffsets(w);
        var (inH, inW, outH, outW) = (w.Input[1], w.Input[2], w.Output[1], w.Output[2]);
        var (strideH, strideW, padTop, padLeft) = (w.Strides[1], w.Strides[2], w.PadBegin[1], w.PadBegin[2]);
        WorkSplitter.For(p.Batch * p.Cout, (long)p.Batch * p.Cout * w.OutputSize * w.KernelSize, plane =>
        {
            var c = plane % p.Cout;
            var xBase = plane * w.InputSize;
            var wBase = c * w.KernelSize;
            var bias = p.Bias?[c] ?? 0;
            for (var oh = 0; oh < outH; oh++)
            {
                var row = result.AsSpan((plane * w.OutputSize) + (oh * outW), outW);
                row.Fill(bias);
                for (var k = 0; k < kh.Length; k++)
                {
                    var ih = (oh * strideH) - padTop + kh[k];
                    if ((uint)ih >= (uint)inH)
                    {
                        continue;
                    }
                    // Output columns whose input column ow·stride − padLeft + kw[k] lies inside the row.
                    var shift = kw[k] - padLeft;
                    var first = shift >= 0 ? 0 : (-shift + strideW - 1) / strideW;
                    var last = Math.Min(outW - 1, (inW - 1 - shift) / strideW);
                    if (inW - 1 - shift < 0 || first > last)
                    {
                        continue;
                    }
                    var weight = p.W[wBase + k];
                    var line = xBase + (ih * inW);
                    if (strideW == 1)
                    {
                        var strip = row[first..(last + 1)];
                        TensorPrimitives.MultiplyAdd(p.X.AsSpan(line + first + shift, strip.Length), weight, strip, strip);
                        continue;
                    }
                    for (var ow = first; ow <= last; ow++)
                    {
                        row[ow] += p.X[line + (ow * strideW) + shift] * weight;
                    }
                }
            }
        });
    }
}
