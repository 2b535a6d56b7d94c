namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// <c>clip</c> computes in float (its result is one of its operands) and, for fp16, through a pooled buffer: over every
/// binary16 value (bounds are fp16 like x, as the op requires; some inverted), it equals min(max(x, alpha), beta) in
/// binary64 rounded once to the output type, NaN included; in fp32 likewise over random bit patterns.
/// </summary>
public class ClipKernelTests
{
    [Theory]
    [InlineData(0f, 6f)]
    [InlineData(0.1f, 6.0001f)]
    [InlineData(-70000f, 1e-9f)]
    [InlineData(3f, 2f)]
    public void Fp16ClipEqualsTheBinary64FormulaRoundedOnce(float alpha, float beta)
    {
        var all = Enumerable.Range(0, 65536).Select(bits => BitConverter.UInt16BitsToHalf((ushort)bits)).ToArray();
        var y = KernelHarness.Op("clip", new()
        {
            { "x", Tensor.Create(all, all.Length) },
            { "alpha", Tensor.Create(new[] { (Half)alpha }) },
            { "beta", Tensor.Create(new[] { (Half)beta }) },
        }).Storage<Half>();
        for (var i = 0; i < all.Length; i++)
        {
            double x = (double)all[i], low = (double)(Half)alpha, high = (double)(Half)beta;
            var expected = (Half)(double.IsNaN(x) ? x : Math.Min(Math.Max(x, low), high));
            Assert.True(expected.Equals(y[i]) || (Half.IsNaN(expected) && Half.IsNaN(y[i])), $"x = {all[i]}: {y[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Fp32ClipEqualsTheBinary64Formula()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 100_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31))).ToArray();
        var y = KernelHarness.Op("clip", new() { { "x", Tensor.Create(x, x.Length) }, { "alpha", -0.5f }, { "beta", 1e20f } }).AsFloats();
        for (var i = 0; i < x.Length; i++)
        {
            var expected = float.IsNaN(x[i]) ? x[i] : (float)Math.Min(Math.Max(x[i], -0.5), 1e20);
            Assert.True(expected.Equals(y[i]), $"x = {x[i]:R}: {y[i]:R}, expected {expected:R}");
        }
    }
}
