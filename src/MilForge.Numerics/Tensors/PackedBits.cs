namespace MilForge.Numerics;

/// <summary>
/// The LSB-first bit stream that MIL blobs, MIL immediates and ONNX use for sub-byte elements: element <c>i</c> of
/// width <c>b</c> occupies bits <c>[i·b, i·b + b)</c>, bit 0 being the least significant bit of byte 0, so 3- and
/// 6-bit elements may span two bytes. Unused bits of the last byte are written as zero and ignored when read.
/// </summary>
public static class PackedBits
{
    /// <summary>Bytes needed for <paramref name="count"/> elements of <paramref name="bitWidth"/> bits.</summary>
    public static long ByteCount(int bitWidth, long count) => ((count * bitWidth) + 7) / 8;

    /// <summary>Unused bits in the last byte: <c>(8 − (count·bits mod 8)) mod 8</c>.</summary>
    public static int PaddingBits(int bitWidth, long count) => (int)((8 - (count * bitWidth % 8)) % 8);

    /// <summary>Packs the low <paramref name="bitWidth"/> bits of each value into <paramref name="destination"/>, which it fills completely.</summary>
    public static void Pack(ReadOnlySpan<byte> values, int bitWidth, Span<byte> destination)
    {
        CheckWidth(bitWidth);
        if (destination.Length != ByteCount(bitWidth, values.Length))
        {
            throw new ArgumentException($"{values.Length} {bitWidth}-bit values need {ByteCount(bitWidth, values.Length)} bytes, not {destination.Length}.");
        }
        destination.Clear();
        var mask = (1 << bitWidth) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var bit = (long)i * bitWidth;
            var index = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            var v = values[i] & mask;
            destination[index] |= (byte)(v << shift);
            if (shift + bitWidth > 8)
            {
                destination[index + 1] |= (byte)(v >> (8 - shift));
            }
        }
    }

    /// <summary>Unpacks <paramref name="values"/>.Length elements (each zero-extended) from <paramref name="source"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> source, int bitWidth, Span<byte> values)
    {
        CheckWidth(bitWidth);
        if (source.Length != ByteCount(bitWidth, values.Length))
        {
            throw new ArgumentException($"{source.Length} bytes do not hold exactly {values.Length} {bitWidth}-bit values.");
        }
        var mask = (1 << bitWidth) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var bit = (long)i * bitWidth;
            var index = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            var word = source[index] | (shift + bitWidth > 8 ? source[index + 1] << 8 : 0);
            values[i] = (byte)((word >> shift) & mask);
        }
    }

    private static void CheckWidth(int bitWidth)
    {
        if (bitWidth is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Packed elements are 1 to 8 bits wide.");
        }
    }
}
