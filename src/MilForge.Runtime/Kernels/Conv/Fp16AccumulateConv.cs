using System.Buffers;
using System.Runtime.Intrinsics;
using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// fp16-accumulate convolution, eight output positions at a time: bit-identical to <see cref="ConvReference"/> with
/// rounded partial sums (input channels, then kernel positions in index order, positions in the padding skipped, bias
/// last), using exact float arithmetic on binary16 operands (see <see cref="Fp16AccumulateGemm"/>). The window under
/// each band of output positions is gathered first (im2col) with a mask of the taps that fall inside the input.
/// </summary>
internal static class Fp16AccumulateConv
{
    private const int BandColumns = 128;

    public static float[] Run(ConvProblem p)
    {
        var w = p.Window;
        var rows = p.CinPerGroup * w.KernelSize;
        var result = new float[p.Batch * p.Cout * w.OutputSize];
        var bands = (w.OutputSize + BandColumns - 1) / BandColumns;
        WorkSplitter.For(p.Batch * p.Groups * bands, (long)p.Batch * p.Cout * w.OutputSize * rows, item =>
        {
            var (image, band) = (item / bands, item % bands);
            var (n, g) = (image / p.Groups, image % p.Groups);
            var start = band * BandColumns;
            var width = Math.Min(BandColumns, w.OutputSize - start);
            var cols = ArrayPool<float>.Shared.Rent(rows * width);
            var inside = ArrayPool<uint>.Shared.Rent(rows * width);
            try
            {
                ConvFast.Im2ColBand(p, ((n * p.Cin) + (g * p.CinPerGroup)) * w.InputSize, cols, start, width, inside);
                for (var co = g * p.CoutPerGroup; co < (g + 1) * p.CoutPerGroup; co++)
                {
                    SumBand(p, co, rows, cols, inside, width, result, (((n * p.Cout) + co) * w.OutputSize) + start);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(cols);
                ArrayPool<uint>.Shared.Return(inside);
            }
        });
        return result;
    }

    private static void SumBand(ConvProblem p, int co, int rows, float[] cols, uint[] inside, int width, float[] result, int outIndex)
    {
        var weights = co * rows;
        var bias = p.Bias?[co] ?? 0;
        var j = 0;
        for (; j + 8 <= width; j += 8)
        {
            var sum = Vector256<float>.Zero;
            for (var row = 0; row < rows; row++)
            {
                var x = Vector256.Create(cols.AsSpan((row * width) + j, 8));
                var mask = Vector256.Create(inside.AsSpan((row * width) + j, 8)).AsSingle();
                var next = Fp16AccumulateGemm.RoundToHalf(sum + Fp16AccumulateGemm.RoundToHalf(Vector256.Create(p.W[weights + row]) * x));
                sum = Vector256.ConditionalSelect(mask, next, sum);
            }
            Fp16AccumulateGemm.RoundToHalf(sum + Vector256.Create(bias)).CopyTo(result.AsSpan(outIndex + j, 8));
        }
        for (; j < width; j++)
        {
            var sum = 0f;
            for (var row = 0; row < rows; row++)
            {
                if (inside[(row * width) + j] != 0)
                {
                    sum = Fp16AccumulateGemm.RoundToHalf(sum + Fp16AccumulateGemm.RoundToHalf(p.W[weights + row] * cols[(row * width) + j]));
                }
            }
            result[outIndex + j] = Fp16AccumulateGemm.RoundToHalf(sum + bias);
        }
    }
}
