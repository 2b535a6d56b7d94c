namespace MilForge.Numerics.Tests;

/// <summary>
/// fp8 checked code by code against a reference written from the format definitions (not from Float8's code), and the
/// sub-byte integer facts, conversions and LSB-first packing.
/// </summary>
public class SubByteAndFloat8Tests
{
    /// <summary>A format as its definition states it; <see cref="HasInfinity"/> false means only S.1..1.1..1 is NaN.</summary>
    public sealed record Format(string Name, int ExponentBits, int MantissaBits, int Bias, bool HasInfinity);

    private static readonly Format E4M3FN = new("E4M3FN", 4, 3, 7, HasInfinity: false);
    private static readonly Format E5M2 = new("E5M2", 5, 2, 15, HasInfinity: true);

    public static TheoryData<string> Formats => ["E4M3FN", "E5M2"];

    private static Format Of(string name) => name == "E4M3FN" ? E4M3FN : E5M2;

    private static float Decode(Format f, byte code) => f == E4M3FN ? Float8.E4M3FNToFloat(code) : Float8.E5M2ToFloat(code);

    private static byte Encode(Format f, double v, bool saturate) => f == E4M3FN ? Float8.ToE4M3FN(v, saturate) : Float8.ToE5M2(v, saturate);

    private static double Reference(Format f, int code)
    {
        var sign = (code & 0x80) != 0 ? -1.0 : 1.0;
        var exponent = (code >> f.MantissaBits) & ((1 << f.ExponentBits) - 1);
        var mantissa = code & ((1 << f.MantissaBits) - 1);
        var top = (1 << f.ExponentBits) - 1;
        if (f.HasInfinity && exponent == top)
        {
            return mantissa == 0 ? sign * double.PositiveInfinity : double.NaN;
        }
        if (!f.HasInfinity && exponent == top && mantissa == (1 << f.MantissaBits) - 1)
        {
            return double.NaN;
        }
        var fraction = mantissa / (double)(1 << f.MantissaBits);
        return exponent == 0 ? sign * fraction * Math.Pow(2, 1 - f.Bias) : sign * (1 + fraction) * Math.Pow(2, exponent - f.Bias);
    }

    /// <summary>
    /// Nearest finite code by search, ties to the even code; the value one step past the largest finite one stands
    /// for overflow (IEEE rounds as if the exponent were unbounded).
    /// </summary>
    private static byte ReferenceEncode(Format f, double v, bool saturate)
    {
        var sign = double.IsNegative(v) ? 0x80 : 0;
        var finite = Enumerable.Range(0, 128).Where(c => double.IsFinite(Reference(f, c))).ToArray();
        var maxCode = finite[^1];
        var overflow = (byte)(sign | (saturate ? maxCode : f.HasInfinity ? maxCode + 1 : 0x7F));
        var beyond = (2 * Reference(f, maxCode)) - Reference(f, maxCode - 1);
        if (Math.Abs(v) >= beyond)
        {
            return overflow;
        }
        var candidates = finite.Select(c => (Code: c, Value: Reference(f, c))).Append((Code: maxCode + 1, Value: beyond));
        var best = candidates.OrderBy(c => Math.Abs(Math.Abs(v) - c.Value)).ThenBy(c => c.Code & 1).First();
        return best.Code > maxCode ? overflow : (byte)(sign | best.Code);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryCodeDecodesExactlyAndEncodesBack(string name)
    {
        var f = Of(name);
        for (var code = 0; code < 256; code++)
        {
            var expected = Reference(f, code);
            var actual = Decode(f, (byte)code);
            if (double.IsNaN(expected))
            {
                Assert.True(float.IsNaN(actual), $"{name} 0x{code:X2}");
                Assert.Equal(code & 0x80, Encode(f, actual, saturate: false) & 0x80);
                Assert.True(float.IsNaN(Decode(f, Encode(f, actual, saturate: false))));
                continue;
            }
            Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits(actual));
            Assert.Equal(code, Encode(f, actual, saturate: false));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void MidpointsAndTheirNeighboursRoundLikeTheReference(string name)
    {
        var f = Of(name);
        var values = Enumerable.Range(0, 128).Select(c => Reference(f, c)).Where(double.IsFinite).ToList();
        values.Add((2 * values[^1]) - values[^2]);
        var probes = values.Zip(values.Skip(1), (a, b) => (a + b) / 2)
            .SelectMany(m => new[] { m, Math.BitDecrement(m), Math.BitIncrement(m) })
            .Concat([1e-30, 1e30, double.MaxValue, double.Epsilon, double.PositiveInfinity]);
        var random = new Random(8);
        probes = probes.Concat(Enumerable.Range(0, 2000).Select(_ => Math.Pow(2, (random.NextDouble() * 40) - 20)));
        foreach (var p in probes)
        {
            foreach (var v in new[] { p, -p })
            {
                foreach (var saturate in new[] { false, true })
                {
                    Assert.True(ReferenceEncode(f, v, saturate) == Encode(f, v, saturate), $"{name} {v:R} saturate={saturate}");
                }
            }
        }
    }

    [Theory]
    [InlineData("E4M3FN", 1.0625, 0x38)]       // halfway 1.000|1.001: to even 1.000
    [InlineData("E4M3FN", 1.1875, 0x3A)]       // halfway 1.001|1.010: to even 1.010
    [InlineData("E4M3FN", 0.0009765625, 0x00)] // 2^-10, halfway 0|2^-9: to even 0
    [InlineData("E4M3FN", 0.0029296875, 0x02)] // 3·2^-10, halfway 2^-9|2^-8: to even 2^-8
    [InlineData("E4M3FN", 464, 0x7E)]          // halfway 448|(480): 448 is even
    [InlineData("E5M2", 1.125, 0x3C)]          // halfway 1.00|1.01: to even 1.00
    [InlineData("E5M2", 61439, 0x7B)]          // just below halfway 57344|(65536)
    [InlineData("E5M2", 61440, 0x7C)]          // halfway: to even, which is +Inf
    [InlineData("E5M2", 7.62939453125e-6, 0x00)] // 2^-17, halfway 0|2^-16: to even 0
    public void TiesGoToEven(string name, double value, int expected) =>
        Assert.Equal(expected, Encode(Of(name), value, saturate: false));

    [Theory]
    [InlineData("E4M3FN", 465.0, false, 0x7F)]
    [InlineData("E4M3FN", 465.0, true, 0x7E)]
    [InlineData("E4M3FN", double.PositiveInfinity, false, 0x7F)]
    [InlineData("E4M3FN", double.NegativeInfinity, true, 0xFE)]
    [InlineData("E5M2", 1e6, false, 0x7C)]
    [InlineData("E5M2", -1e6, true, 0xFB)]
    [InlineData("E5M2", double.NegativeInfinity, false, 0xFC)]
    [InlineData("E5M2", double.PositiveInfinity, true, 0x7B)]
    public void OverflowSaturatesOrGivesNaNOrInfinity(string name, double value, bool saturate, int expected) =>
        Assert.Equal(expected, Encode(Of(name), value, saturate));

    [Fact]
    public void TensorCastsUseEachFormatsConvention()
    {
        var t = Tensor.Create(new[] { 500f, float.PositiveInfinity, -1e6f, 0.3f, float.NaN }, 5);
        Assert.Equal([448, 448, -448, 0.3125, double.NaN], t.CastTo(DataType.Float8E4M3FN).AsDoubles());
        Assert.Equal([512, double.PositiveInfinity, double.NegativeInfinity, 0.3125, double.NaN], t.CastTo(DataType.Float8E5M2).AsDoubles());
        Assert.Equal([448, 0, -3], Tensor.Create(DataType.Float8E4M3FN, [3], new byte[] { 0x7E, 0x80, 0xC4 }).AsLongs());
    }

    [Theory]
    [InlineData(DataType.Int4, 4, -8, 7)]
    [InlineData(DataType.UInt1, 1, 0, 1)]
    [InlineData(DataType.UInt2, 2, 0, 3)]
    [InlineData(DataType.UInt3, 3, 0, 7)]
    [InlineData(DataType.UInt4, 4, 0, 15)]
    [InlineData(DataType.UInt6, 6, 0, 63)]
    public void SubByteFacts(DataType type, int bits, int min, int max)
    {
        Assert.True(type.IsSubByte() && type.IsInteger() && !type.IsFloat());
        Assert.Equal((bits, 1), (type.BitWidth(), type.ByteSize()));
        Assert.Equal((min, max), SubByteIntegers.Range(type));
        Assert.Equal(type == DataType.Int4 ? typeof(sbyte) : typeof(byte), type.StorageType());
        var outside = Array.CreateInstance(type.StorageType(), 1);
        TensorBytes.AsBytes(outside)[0] = unchecked((byte)(max + 1));
        Assert.Contains(type.MilName(), Assert.Throws<ArgumentException>(() => Tensor.Create(type, [1], outside)).Message);
    }

    [Fact]
    public void EveryTypeHasAMilNameThatParsesBack()
    {
        foreach (var type in Enum.GetValues<DataType>())
        {
            Assert.True(DataTypes.TryParseMilName(type.MilName(), out var back));
            Assert.Equal(type, back);
            Assert.Equal(type.StorageType(), Tensor.Zeros(type, [2]).Data.GetType().GetElementType());
        }
        Assert.True(DataType.Float8E4M3FN.IsFloat() && DataType.Float8E5M2.IsFloat());
        Assert.Equal(("fp8e4m3fn", "fp8e5m2", 8), (DataType.Float8E4M3FN.MilName(), DataType.Float8E5M2.MilName(), DataType.Float8E5M2.BitWidth()));
    }

    [Theory]
    [InlineData(DataType.Int4, new long[] { -9, 8, 16, 17, -1 }, new long[] { 7, -8, 0, 1, -1 })]
    [InlineData(DataType.UInt3, new long[] { -1, 8, 13, 7 }, new long[] { 7, 0, 5, 7 })]
    [InlineData(DataType.UInt1, new long[] { 2, 3, -1 }, new long[] { 0, 1, 1 })]
    public void IntegersWrapIntoSubByteTypes(DataType type, long[] values, long[] expected) =>
        Assert.Equal(expected, Tensor.FromLongs(values, [values.Length], DataType.Int64).CastTo(type).AsLongs());

    [Theory]
    [InlineData(DataType.Int4, new[] { -9.7, 7.9, double.NaN, -0.5, 1e9 }, new long[] { -8, 7, 0, 0, 7 })]
    [InlineData(DataType.UInt6, new[] { -1.0, 63.5, 100, 42.9, double.NegativeInfinity }, new long[] { 0, 63, 63, 42, 0 })]
    public void FloatsTruncateAndSaturateIntoSubByteTypes(DataType type, double[] values, long[] expected) =>
        Assert.Equal(expected, Tensor.FromDoubles(values, [values.Length], DataType.Float64).CastTo(type).AsLongs());

    [Theory]
    [InlineData(DataType.UInt3, new long[] { 5, 3, 7, 1, 6 }, new byte[] { 0xDD, 0x63 })]
    [InlineData(DataType.UInt6, new long[] { 63, 1, 42 }, new byte[] { 0x7F, 0xA0, 0x02 })]
    [InlineData(DataType.Int4, new long[] { -8, 7, -1 }, new byte[] { 0x78, 0x0F })]
    [InlineData(DataType.UInt1, new long[] { 1, 0, 1, 1, 0, 0, 0, 1, 1 }, new byte[] { 0x8D, 0x01 })]
    [InlineData(DataType.UInt2, new long[] { 3, 0, 2 }, new byte[] { 0x23 })]
    public void PackingIsLsbFirst(DataType type, long[] values, byte[] packed)
    {
        var t = Tensor.FromLongs(values, [values.Length], type);
        Assert.Equal(packed, TensorBytes.ToPackedArray(t));
        Assert.Equal(packed.Length, TensorBytes.PackedLength(type, values.Length));
        Assert.Equal(values, TensorBytes.FromPackedBytes(type, [values.Length], packed).AsLongs());
        var dirty = (byte[])packed.Clone();
        dirty[^1] |= (byte)(0xFF << (8 - PackedBits.PaddingBits(type.BitWidth(), values.Length)));
        Assert.Equal(values, TensorBytes.FromPackedBytes(type, [values.Length], dirty).AsLongs());
        Assert.Throws<ArgumentException>(() => TensorBytes.FromPackedBytes(type, [values.Length], [.. packed, 0]));
    }
}
