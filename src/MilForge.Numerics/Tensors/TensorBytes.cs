using System.Runtime.InteropServices;

namespace MilForge.Numerics;

/// <summary>
/// The raw little-endian element bytes of tensor storage (every supported machine is little-endian), for file
/// formats that store tensors as bytes: ONNX raw_data, .npy, weight blobs, MIL immediate bytes.
/// </summary>
public static class TensorBytes
{
    /// <summary>A copy of the element bytes (bool as 0/1). Strings have no byte form.</summary>
    public static byte[] ToArray(Tensor tensor) => AsBytes(tensor.Data).ToArray();

    /// <summary>
    /// A tensor whose elements are read from <paramref name="bytes"/>, which must hold exactly the elements of
    /// <paramref name="shape"/>. Bool bytes other than 0 read as true.
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
