using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// The blocked single-precision GEMM (4×16 register tiles, leftover rows and columns, bands over threads) agrees with a
/// binary64 reference on random shapes chosen to hit every path, with offsets, a leading dimension wider than K, and
/// row bias. The tolerance is the binary32 rounding bound of a K-term sum, (K + 2)·2⁻²⁴·(Σ|a·b| + |bias|), so one wrong
/// or missing term fails. Non-finite operands propagate exactly as the reference says.
/// </summary>
public class GemmPropertyTests
{
    [Fact]
    public void RandomShapesMatchTheBinary64Reference()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var m = random.Next(1, 14);
            var k = random.Next(1, 70);
            var n = trial % 3 == 0 ? random.Next(1, 20) : random.Next(16, 600);
            Check(random, m, k, n, nonFinite: false, $"trial {trial}");
        }
    }

    [Theory]
    [InlineData(4, 8, 16)]
    [InlineData(5, 3, 17)]
    [InlineData(1, 1, 256)]
    [InlineData(7, 33, 257)]
    [InlineData(16, 64, 12544)]
    public void EdgeShapesMatchTheBinary64Reference(int m, int k, int n) => Check(new Random(m * 1000 + n), m, k, n, nonFinite: false, $"{m}x{k}x{n}");

    [Theory]
    [InlineData(4, 9, 16, 16, 16)]
    [InlineData(7, 5, 37, 40, 50)]
    [InlineData(3, 12, 128, 130, 3000)]
    [InlineData(9, 1, 5, 5, 7)]
    public void SerialProductWithLeadingDimensionsWritesOnlyItsBlock(int m, int k, int n, int ldb, int ldc)
    {
        var random = new Random(m + k + n);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var b = Enumerable.Range(0, k * ldb).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var bias = Enumerable.Range(0, m).Select(_ => (float)random.NextDouble()).ToArray();
        var c = Enumerable.Repeat(-7f, 2 + (m * ldc)).ToArray();
        Gemm.MultiplySerial(a, 0, k, b, 0, ldb, c, 2, ldc, m, k, n, bias);
        for (var i = 0; i < c.Length; i++)
        {
            var (row, j) = ((i - 2) / ldc, (i - 2) % ldc);
            if (i < 2 || j >= n)
            {
                Assert.Equal(-7f, c[i]);
                continue;
            }
            double sum = bias[row], magnitude = Math.Abs(bias[row]);
            for (var p = 0; p < k; p++)
            {
                sum += (double)a[(row * k) + p] * b[(p * ldb) + j];
                magnitude += Math.Abs((double)a[(row * k) + p] * b[(p * ldb) + j]);
            }
            Assert.True(Math.Abs(c[i] - sum) <= (k + 2) * Math.Pow(2, -24) * magnitude, $"[{row},{j}] = {c[i]}, reference {sum}");
        }
    }

    [Fact]
    public void NaNAndInfinityPropagateAsInTheReference()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 60; trial++)
        {
            Check(random, random.Next(1, 10), random.Next(1, 20), random.Next(1, 80), nonFinite: true, $"trial {trial}");
        }
    }

    private static void Check(Random random, int m, int k, int n, bool nonFinite, string what)
    {
        var (aOffset, lda, bOffset, cOffset) = (random.Next(0, 5), k + random.Next(0, 3), random.Next(0, 5), random.Next(0, 5));
        float Value() => nonFinite && random.Next(12) == 0 ? new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[random.Next(3)]
            : (float)((random.NextDouble() * 2) - 1);
        var a = new float[aOffset + (m * lda)];
        var b = new float[bOffset + (k * n)];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Value();
        }
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = Value();
        }
        var bias = random.Next(2) == 0 ? null : Enumerable.Range(0, m + 2).Select(_ => Value()).ToArray();
        var biasOffset = bias is null ? 0 : random.Next(0, 3);
        var c = Enumerable.Repeat(-7f, cOffset + (m * n) + 3).ToArray();

        Gemm.Multiply(a, aOffset, lda, b, bOffset, c, cOffset, m, k, n, bias, biasOffset);

        for (var i = 0; i < cOffset; i++)
        {
            Assert.Equal(-7f, c[i]);
        }
        for (var i = cOffset + (m * n); i < c.Length; i++)
        {
            Assert.Equal(-7f, c[i]);
        }
        for (var row = 0; row < m; row++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = bias?[biasOffset + row] ?? 0;
                var magnitude = Math.Abs(sum);
                for (var p = 0; p < k; p++)
                {
                    var product = (double)a[aOffset + (row * lda) + p] * b[bOffset + (p * n) + j];
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                var actual = c[cOffset + (row * n) + j];
                if (!double.IsFinite(sum) || double.IsNaN(magnitude))
                {
                    // Only NaN vs not-NaN and the sign of an infinity are defined; an overflow of finite terms cannot happen here.
                    Assert.True(double.IsNaN(sum) ? float.IsNaN(actual) : actual == (float)sum, $"{what}: [{row},{j}] = {actual}, reference {sum}");
                    continue;
                }
                var bound = (k + 2) * Math.Pow(2, -24) * magnitude;
                Assert.True(Math.Abs(actual - sum) <= bound, $"{what}: [{row},{j}] = {actual}, reference {sum}, bound {bound}");
            }
        }
    }
}
