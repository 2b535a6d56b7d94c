namespace MilForge.Numerics.Tests;

/// <summary>
/// The vectorised float → binary16 and binary16 → float paths of <see cref="Tensor.FromFloats"/> and
/// <see cref="Tensor.AsFloats"/> give exactly what System.Half's scalar conversions give, over random bit patterns
/// (every exponent, NaNs with payloads, subnormals) and the rounding boundaries.
/// </summary>
public class TensorFloatConversionTests
{
    private static float[] Values()
    {
        var random = new Random(5);
        var values = new List<float>
        {
            0f, -0f, float.Epsilon, -float.Epsilon, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
            65504f, 65519.99f, 65520f, -65520f, 1e38f, float.MaxValue, 5.96e-8f, 2.98e-8f, 2.9802322e-8f, 6.1035156e-5f,
            1.00048828125f, 1.000732421875f, 1.0009765625f, 2049f, 2051f,
        };
        for (var i = 0; i < 200_000; i++)
        {
            values.Add(BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)));
        }
        return [.. values];
    }

    [Fact]
    public void FromFloatsToFp16RoundsAsHalfDoes()
    {
        var values = Values();
        var halves = Tensor.FromFloats(values, [values.Length], DataType.Float16).Storage<Half>();
        for (var i = 0; i < values.Length; i++)
        {
            var expected = (Half)(double)values[i];
            Assert.True(BitConverter.HalfToUInt16Bits(expected) == BitConverter.HalfToUInt16Bits(halves[i])
                || (Half.IsNaN(expected) && Half.IsNaN(halves[i])), $"{values[i]:R}: {halves[i]} expected {expected}");
        }
    }

    [Fact]
    public void FromDoublesToFp16AndFp32RoundOnce()
    {
        var values = Values().Select(v => (double)v * 1.0000001).Append(65519.999999).Append(1.00048828125 + 1e-12).ToArray();
        var halves = Tensor.FromDoubles(values, [values.Length], DataType.Float16).Storage<Half>();
        var floats = Tensor.FromDoubles(values, [values.Length], DataType.Float32).Storage<float>();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)values[i]) & (Half.IsNaN((Half)values[i]) ? 0xFC00 : 0xFFFF),
                BitConverter.HalfToUInt16Bits(halves[i]) & (Half.IsNaN(halves[i]) ? 0xFC00 : 0xFFFF));
            Assert.Equal((float)values[i], floats[i]);
        }
    }

    [Fact]
    public void AsFloatsWidensEveryBinary16Exactly()
    {
        var halves = Enumerable.Range(0, 65536).Select(bits => BitConverter.UInt16BitsToHalf((ushort)bits)).ToArray();
        var floats = Tensor.Create(halves, halves.Length).AsFloats();
        for (var i = 0; i < halves.Length; i++)
        {
            var expected = (float)halves[i];
            Assert.True(expected.Equals(floats[i]) || (float.IsNaN(expected) && float.IsNaN(floats[i])), $"0x{i:X4}: {floats[i]} expected {expected}");
        }
    }
}
