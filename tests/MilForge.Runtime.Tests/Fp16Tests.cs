namespace MilForge.Runtime.Tests;

/// <summary>
/// FP16 emulation: fp16 values are stored as binary16, so every fp16 op's result is rounded to binary16; sums inside
/// ops follow the precision policy. Expected numbers were checked with Python's struct 'e' (IEEE binary16) format.
/// </summary>
public class Fp16Tests
{
    private static readonly RunOptions Fp16Accumulate = new() { Policy = PrecisionPolicy.Parse("fp16-accumulate")! };

    private static Tensor Half(params float[] values) => Tensor.FromFloats(values, [values.Length], DataType.Float16);

    private static float Add(DataType type, float a, float b)
    {
        var h = new KernelHarness();
        var x = Tensor.FromFloats([a], [1], type);
        var y = Tensor.FromFloats([b], [1], type);
        var z = h.Run(h.Builder.Single("add", new() { { "x", h.In(x) }, { "y", h.In(y) } }));
        Assert.Equal(type, z.DataType);
        return z.AsFloats()[0];
    }

    [Theory]
    [InlineData(2048f, 1f, 2048f)] // 2049 is halfway between 2048 and 2050: ties to even
    [InlineData(2048f, 3f, 2052f)] // 2051 is halfway between 2050 and 2052: ties to even
    [InlineData(1f, 0.00048828125f, 1f)] // 1 + 2^-11 is halfway between 1 and 1 + 2^-10
    [InlineData(0.1f, 0.2f, 0.2998046875f)] // fp16(0.1) + fp16(0.2) = 0.2999267578125 exactly, a tie that rounds down to even
    [InlineData(65504f, 32f, float.PositiveInfinity)] // 65536 is past the largest finite binary16
    public void Fp16AddRoundsTheResultToBinary16(float a, float b, float expected)
    {
        Assert.Equal(expected, Add(DataType.Float16, a, b));
        // The same operands in fp32 (already rounded to binary16) give the exact sum.
        var (ha, hb) = ((float)(System.Half)a, (float)(System.Half)b);
        Assert.Equal(ha + hb, Add(DataType.Float32, ha, hb));
    }

    [Fact]
    public void Fp16UnaryAndDivisionRoundOnce()
    {
        Assert.Equal(2.71875f, KernelHarness.Op("exp", new() { { "x", Half(1f) } }).AsFloats()[0]);
        Assert.Equal((float)(System.Half)(1.0 / 3), KernelHarness.Op("real_div", new() { { "x", Half(1f) }, { "y", Half(3f) } }).AsFloats()[0]);
        Assert.Equal(float.PositiveInfinity, KernelHarness.Op("mul", new() { { "x", Half(300f) }, { "y", Half(300f) } }).AsFloats()[0]);
    }

    [Fact]
    public void LongFp16SumDependsOnTheAccumulationPolicy()
    {
        var ones = Half([.. Enumerable.Repeat(1f, 4096)]);
        // fp32-accumulate: 4096 exactly. fp16-accumulate: once the partial sum reaches 2048, 2048 + 1 rounds back to 2048.
        Assert.Equal(4096f, KernelHarness.Op("reduce_sum", new() { { "x", ones } }).AsFloats()[0]);
        Assert.Equal(2048f, KernelHarness.Op("reduce_sum", new() { { "x", ones } }, Fp16Accumulate).AsFloats()[0]);

        // 1000 × fp16(0.1) = 99.9755859375 exactly, which rounds to 100 in binary16; summed in binary16 the partial sums
        // round (mostly up) and end at 105.1875.
        var tenths = Half([.. Enumerable.Repeat(0.1f, 1000)]);
        Assert.Equal(100f, KernelHarness.Op("reduce_sum", new() { { "x", tenths } }).AsFloats()[0]);
        Assert.Equal(105.1875f, KernelHarness.Op("reduce_sum", new() { { "x", tenths } }, Fp16Accumulate).AsFloats()[0]);
    }

    [Fact]
    public void PolicyAlsoAppliesToDotProductsAndOnlyToFp16Ops()
    {
        var x = Tensor.FromFloats([.. Enumerable.Repeat(1f, 4096)], [1, 4096], DataType.Float16);
        var w = Tensor.FromFloats([.. Enumerable.Repeat(1f, 4096)], [1, 4096], DataType.Float16);
        Assert.Equal(4096f, KernelHarness.Op("linear", new() { { "x", x }, { "weight", w } }).AsFloats()[0]);
        Assert.Equal(2048f, KernelHarness.Op("linear", new() { { "x", x }, { "weight", w } }, Fp16Accumulate).AsFloats()[0]);
        var fp32 = Tensor.FromFloats([.. Enumerable.Repeat(1f, 4096)], [4096], DataType.Float32);
        Assert.Equal(4096f, KernelHarness.Op("reduce_sum", new() { { "x", fp32 } }, Fp16Accumulate).AsFloats()[0]);
    }

    [Fact]
    public void PolicyNamesRoundTrip()
    {
        Assert.Equal("fp32-accumulate", PrecisionPolicy.Default.Name);
        Assert.Equal("fp16-accumulate", Fp16Accumulate.Policy.Name);
        Assert.Null(PrecisionPolicy.Parse("bf16-accumulate"));
    }
}
