using MilForge.Numerics;

namespace MilForge.Runtime.Kernels;

/// <summary>
/// Builds a tensor by picking elements of a source tensor by flat index, for any element type. Data-movement ops
/// (transpose, slice, gather, tile, concat, pad...) compute an index map and call this once.
/// </summary>
internal static class TensorGather
{
    /// <summary>Output element i = source element map[i]; a negative map entry takes <paramref name="fill"/> (element 0 of it).</summary>
    public static Tensor Take(Tensor source, int[] map, int[] shape, Tensor? fill = null)
    {
        var data = Array.CreateInstance(source.DataType.StorageType(), map.Length);
        var fillData = fill?.CastTo(source.DataType).Data;
        switch (source.Data)
        {
            case float[] s: Copy(s, (float[])data, map, fillData as float[]); break;
            case Half[] s: Copy(s, (Half[])data, map, fillData as Half[]); break;
            case int[] s: Copy(s, (int[])data, map, fillData as int[]); break;
            case bool[] s: Copy(s, (bool[])data, map, fillData as bool[]); break;
            case long[] s: Copy(s, (long[])data, map, fillData as long[]); break;
            case double[] s: Copy(s, (double[])data, map, fillData as double[]); break;
            case sbyte[] s: Copy(s, (sbyte[])data, map, fillData as sbyte[]); break;
            case byte[] s: Copy(s, (byte[])data, map, fillData as byte[]); break;
            case short[] s: Copy(s, (short[])data, map, fillData as short[]); break;
            case ushort[] s: Copy(s, (ushort[])data, map, fillData as ushort[]); break;
            case uint[] s: Copy(s, (uint[])data, map, fillData as uint[]); break;
            case ulong[] s: Copy(s, (ulong[])data, map, fillData as ulong[]); break;
            case string[] s: Copy(s, (string[])data, map, fillData as string[]); break;
            default: throw new InvalidOperationException($"Unsupported storage {source.Data.GetType().Name}.");
        }
        return Tensor.Create(source.DataType, shape, data);
    }

    /// <summary>Concatenates tensors of one element type along a flat layout described by the caller's maps.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> parts, int axis, int[] shape)
    {
        var dataType = parts[0].DataType;
        var data = Array.CreateInstance(dataType.StorageType(), Broadcasting.Product(shape));
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var inner = Broadcasting.Product(shape.AsSpan(axis + 1));
        var offset = 0;
        foreach (var part in parts)
        {
            var block = part.Shape[axis] * inner;
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(part.Data, o * block, data, (o * shape[axis] * inner) + offset, block);
            }
            offset += block;
        }
        return Tensor.Create(dataType, shape, data);
    }

    private static void Copy<T>(T[] source, T[] target, int[] map, T[]? fill)
    {
        var f = fill is { Length: > 0 } ? fill[0] : default!;
        for (var i = 0; i < map.Length; i++)
        {
            var m = map[i];
            target[i] = m >= 0 ? source[m] : f;
        }
    }
}
