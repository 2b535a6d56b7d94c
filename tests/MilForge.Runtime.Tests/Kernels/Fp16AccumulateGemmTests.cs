using System.Runtime.Intrinsics;
using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// The vectorised fp16-accumulate product equals, bit for bit, the scalar definition (binary64 arithmetic, every
/// product and partial sum rounded to binary16 in index order, bias or 0 added last) on random binary16 operands that
/// overflow, underflow to subnormals, cancel to ±0 and carry NaN and ±Inf; and its lane rounding equals System.Half.
/// </summary>
public class Fp16AccumulateGemmTests
{
    private static float RandomHalf(Random random)
    {
        var roll = random.Next(100);
        if (roll < 2)
        {
            return new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f }[random.Next(5)];
        }
        // Magnitudes from 2^-26 (below the smallest subnormal) to 2^17 (beyond 65504), either sign, rounded to binary16.
        var magnitude = Math.ScaleB(1 + random.NextDouble(), random.Next(-26, 17));
        return (float)(Half)(random.Next(2) == 0 ? magnitude : -magnitude);
    }

    private static float Scalar(float[] a, int aRow, float[] b, int n, int j, int k, float? bias)
    {
        var s = 0.0;
        for (var p = 0; p < k; p++)
        {
            s = (double)(Half)(s + (double)(Half)((double)a[aRow + p] * b[(p * n) + j]));
        }
        return (float)(Half)(s + (double)(Half)(double)(bias ?? 0));
    }

    [Fact]
    public void RandomProductsEqualTheScalarDefinitionBitForBit()
    {
        Assert.SkipUnless(Fp16AccumulateGemm.IsSupported, "no 256-bit vector hardware: the scalar kernel runs instead");
        var random = new Random(23);
        for (var trial = 0; trial < 150; trial++)
        {
            var (m, k, n) = (random.Next(1, 6), random.Next(1, 40), random.Next(1, 30));
            var a = Enumerable.Range(0, m * k).Select(_ => RandomHalf(random)).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => RandomHalf(random)).ToArray();
            var bias = random.Next(2) == 0 ? null : Enumerable.Range(0, n).Select(_ => RandomHalf(random)).ToArray();
            var c = new float[m * n];
            Fp16AccumulateGemm.Multiply(a, 0, b, 0, bias, c, 0, m, k, n);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var expected = Scalar(a, i * k, b, n, j, k, bias?[j]);
                    var actual = c[(i * n) + j];
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
                        $"trial {trial} ({m}x{k}x{n}) [{i},{j}]: {actual:R}, expected {expected:R}");
                }
            }
        }
    }

    [Fact]
    public void LaneRoundingEqualsSystemHalf()
    {
        Assert.SkipUnless(Fp16AccumulateGemm.IsSupported, "no 256-bit vector hardware");
        var random = new Random(29);
        var values = new List<float>
        {
            65504f, 65519.996f, 65520f, 65536f, float.MaxValue, 6.1035156e-5f, 6.1035152e-5f, 5.9604645e-8f, 2.9802322e-8f,
            2.9802326e-8f, 8.940697e-8f, 1e-30f, 0f, float.Epsilon, float.NaN, float.PositiveInfinity, 1.0004883f, 1.0014648f,
        };
        values.AddRange(values.Select(v => -v).ToList());
        for (var i = 0; i < 400_000; i++)
        {
            values.Add(BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)));
            values.Add((float)Math.ScaleB(random.NextDouble() * 2 - 1, random.Next(-30, 18)));
        }
        while (values.Count % 8 != 0)
        {
            values.Add(1f);
        }
        for (var i = 0; i < values.Count; i += 8)
        {
            var rounded = Fp16AccumulateGemm.RoundToHalf(Vector256.Create(values.GetRange(i, 8).ToArray()));
            for (var lane = 0; lane < 8; lane++)
            {
                var expected = (float)(Half)values[i + lane];
                var actual = rounded[lane];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
                    $"{values[i + lane]:R}: {actual:R}, expected {expected:R}");
            }
        }
    }
}
