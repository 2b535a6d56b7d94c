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
    public static float[] Run(ConvProblem p)
    {
        var w = p.Window;
        var rows = p.CinPerGroup * w.KernelSize;
        var result = new float[p.Batch * p.Cout * w.OutputSize];
        Im2ColBands.ForEach(p, band =>
        {
            var cols = ArrayPool<float>.Shared.Rent(rows * band.Width);
            var inside = ArrayPool<uint>.Shared.Rent(rows * band.Width);
            try
            {
                Im2ColBands.Fill(p, band, cols, inside);
                for (var c = 0; c < p.CoutPerGroup; c++)
                {
                    SumBand(p, (band.Group * p.CoutPerGroup) + c, rows, cols, inside, band.Width, result, band.OutputOffset + (c * w.OutputSize) + band.Start);
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
