namespace MilForge.Numerics.Tests;

public class TensorConversionTests
{
    [Fact]
    public void BFloat16WidensExactlyAndRoundsToNearestEven()
    {
        var bits = new ushort[] { 0x3F80, 0xC000, 0x7FC0, 0x7F80 }; // 1, -2, NaN, +Inf
        var t = Tensor.Create(DataType.BFloat16, [4], bits);
        var f = t.CastTo(DataType.Float32).Storage<float>();
        Assert.Equal(1f, f[0]);
        Assert.Equal(-2f, f[1]);
        Assert.True(float.IsNaN(f[2]));
        Assert.Equal(float.PositiveInfinity, f[3]);
        Assert.Equal((ushort)0x3F80, BFloat16Bits.FromFloat(1.00390625f)); // halfway between 1 and next: ties to even
        Assert.Equal((ushort)0x3F82, BFloat16Bits.FromFloat(1.01171875f)); // halfway to odd rounds up to even
    }

    [Fact]
    public void FloatToIntegerTruncatesAndSaturates()
    {
        var t = Tensor.Create(new[] { 1.9f, -1.9f, float.NaN, 3e10f, -3e10f }, 5);
        Assert.Equal([1, -1, 0, int.MaxValue, int.MinValue], t.CastTo(DataType.Int32).Storage<int>());
    }

    [Fact]
    public void IntegerNarrowingWraps()
    {
        var t = Tensor.Create(new long[] { 300, -1, 65536 + 7 }, 3);
        Assert.Equal([(byte)44, (byte)255, (byte)7], t.CastTo(DataType.UInt8).Storage<byte>());
    }

    [Fact]
    public void FloatToHalfRoundsToNearestEvenAndOverflowsToInfinity()
    {
        var t = Tensor.Create(new[] { 65519f, 65520f, -70000f, 1e-8f, 2049f }, 5).CastTo(DataType.Float16);
        var h = t.Storage<Half>();
        Assert.Equal(65504f, (float)h[0]);
        Assert.Equal(float.PositiveInfinity, (float)h[1]);
        Assert.Equal(float.NegativeInfinity, (float)h[2]);
        Assert.Equal(0f, (float)h[3]);
        Assert.Equal(2048f, (float)h[4]);
    }

    [Theory]
    [InlineData(DataType.Float32)]
    [InlineData(DataType.Float16)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Bool)]
    [InlineData(DataType.UInt8)]
    [InlineData(DataType.BFloat16)]
    public void BytesRoundTrip(DataType type)
    {
        var t = Tensor.FromDoubles([0, 1, 2, 3, 4, 5], [2, 3], type);
        var back = TensorBytes.FromBytes(type, [2, 3], TensorBytes.ToArray(t));
        Assert.Equal(type, back.DataType);
        Assert.Equal(t.AsDoubles(), back.AsDoubles());
    }
}
