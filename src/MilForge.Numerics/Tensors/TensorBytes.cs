using System.Runtime.InteropServices;

namespace MilForge.Numerics;

/// <summary>
/// The raw little-endian element bytes of tensor storage (every supported machine is little-endian), for file
/// formats that store tensors as bytes: ONNX raw_data, .npy, weight blobs, MIL immediate bytes. The storage form has
/// one byte per sub-byte element; the packed form (<see cref="ToPackedArray"/>) is what files hold.
/// </summary>
public static class TensorBytes
{
    /// <summary>A copy of the element bytes (bool as 0/1). Strings have no byte form.</summary>
    public static byte[] ToArray(Tensor tensor) => AsBytes(tensor.Data).ToArray();

    /// <summary>
    /// A tensor whose elements are read from <paramref name="bytes"/>, which must hold exactly the elements of
    /// <paramref name="shape"/> in storage form (one byte per sub-byte element, which must be in range). Bool bytes
    /// other than 0 read as true.
    /// </summary>
    public static Tensor FromBytes(DataType dataType, int[] shape, ReadOnlySpan<byte> bytes)
    {
        var count = Broadcasting.Product(shape);
        if ((long)count * dataType.ByteSize() != bytes.Length || dataType == DataType.String)
        {
            throw new ArgumentException($"{bytes.Length} bytes do not hold {count} {dataType.MilName()} elements.");
        }
        var data = Array.CreateInstance(dataType.StorageType(), count);
        if (data is bool[] bools)
        {
            for (var i = 0; i < count; i++)
            {
                bools[i] = bytes[i] != 0;
            }
        }
        else
        {
            bytes.CopyTo(AsBytes(data));
        }
        return Tensor.Create(dataType, shape, data);
    }

    /// <summary>Bytes of the packed form of <paramref name="count"/> elements (sub-byte types packed, others whole).</summary>
    public static long PackedLength(DataType dataType, long count) =>
        dataType.IsSubByte() ? PackedBits.ByteCount(dataType.BitWidth(), count) : count * dataType.ByteSize();

    /// <summary>The element bytes as files store them: sub-byte types packed LSB-first (<see cref="PackedBits"/>), others as <see cref="ToArray"/>.</summary>
    public static byte[] ToPackedArray(Tensor tensor)
    {
        if (!tensor.DataType.IsSubByte())
        {
            return ToArray(tensor);
        }
        var packed = new byte[PackedLength(tensor.DataType, tensor.Length)];
        PackedBits.Pack(AsBytes(tensor.Data), tensor.DataType.BitWidth(), packed);
        return packed;
    }

    /// <summary>
    /// A tensor read from its packed form (<see cref="ToPackedArray"/>); <paramref name="bytes"/> must be exactly
    /// <see cref="PackedLength"/> long. Unused bits of a sub-byte tensor's last byte are ignored; int4 is sign-extended.
    /// </summary>
    public static Tensor FromPackedBytes(DataType dataType, int[] shape, ReadOnlySpan<byte> bytes)
    {
        if (!dataType.IsSubByte())
        {
            return FromBytes(dataType, shape, bytes);
        }
        var count = Broadcasting.Product(shape);
        if (PackedLength(dataType, count) != bytes.Length)
        {
            throw new ArgumentException($"{bytes.Length} bytes do not hold {count} packed {dataType.MilName()} elements.");
        }
        var data = Array.CreateInstance(dataType.StorageType(), count);
        var values = AsBytes(data);
        PackedBits.Unpack(bytes, dataType.BitWidth(), values);
        if (dataType == DataType.Int4)
        {
            foreach (ref var v in values)
            {
                v = (byte)SubByteIntegers.Wrap(dataType, v);
            }
        }
        return Tensor.Create(dataType, shape, data);
    }

    /// <summary>The storage array viewed as bytes (writes go to the array).</summary>
    public static Span<byte> AsBytes(Array data) => data switch
    {
        float[] a => Bytes(a),
        Half[] a => Bytes(a),
        double[] a => Bytes(a),
        int[] a => Bytes(a),
        long[] a => Bytes(a),
        bool[] a => Bytes(a),
        sbyte[] a => Bytes(a),
        byte[] a => a,
        short[] a => Bytes(a),
        ushort[] a => Bytes(a),
        uint[] a => Bytes(a),
        ulong[] a => Bytes(a),
        _ => throw new ArgumentException($"{data.GetType().Name} has no byte form."),
    };

    private static Span<byte> Bytes<T>(T[] array) where T : unmanaged => MemoryMarshal.AsBytes(array.AsSpan());
}
