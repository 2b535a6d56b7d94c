using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MilForge.Diagnostics;

namespace MilForge.Numerics.Io;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0–3.0, C order). Big-endian and Fortran-order
/// arrays are rejected with a diagnostic rather than silently misread.
/// </summary>
public static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a tensor from an .npy file.</summary>
    public static Tensor Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"Cannot read '{path}': {e.Message}");
        }
        return Read(bytes, path);
    }

    /// <summary>Reads a tensor from the bytes of an .npy file; <paramref name="name"/> is used in diagnostics.</summary>
    public static Tensor Read(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw Bad(name, "not an .npy file (missing \\x93NUMPY magic)");
        }
        var major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw Bad(name, "truncated header");
            }
            var len = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            if (len > int.MaxValue)
            {
                throw Bad(name, "header length out of range");
            }
            headerLength = (int)len;
            headerStart = 12;
        }
        else
        {
            throw Bad(name, $"unsupported format version {major}");
        }
        if (headerStart + (long)headerLength > bytes.Length)
        {
            throw Bad(name, "truncated header");
        }
        var header = Encoding.Latin1.GetString(bytes.Slice(headerStart, headerLength));
        var descr = DescrRegex().Match(header);
        var fortran = FortranRegex().Match(header);
        var shapeMatch = ShapeRegex().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
        {
            throw Bad(name, $"cannot parse header {header.Trim()}");
        }
        if (fortran.Groups[1].Value == "True")
        {
            throw Bad(name, "Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        var shape = ParseShape(shapeMatch.Groups[1].Value, name);
        var dataType = ParseDescr(descr.Groups[1].Value, name);
        var count = Broadcasting.Product(shape);
        var data = bytes[(headerStart + headerLength)..];
        var size = dataType.ByteSize();
        if ((long)count * size > data.Length)
        {
            throw Bad(name, $"holds {data.Length} data bytes, but shape ({string.Join(", ", shape)}) of {dataType.MilName()} needs {(long)count * size}");
        }
        return TensorBytes.FromBytes(dataType, shape, data[..(count * size)]);
    }

    /// <summary>Writes a tensor as an .npy file (version 1.0, little-endian, C order).</summary>
    public static void Write(string path, Tensor tensor)
    {
        using var stream = File.Create(path);
        Write(stream, tensor);
    }

    /// <summary>Writes a tensor in .npy format to a stream.</summary>
    public static void Write(Stream stream, Tensor tensor)
    {
        var shape = tensor.Rank == 1 ? $"({tensor.Shape[0]},)" : "(" + string.Join(", ", tensor.Shape) + ")";
        var header = $"{{'descr': '{Descr(tensor.DataType)}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = 10 + header.Length + 1;
        var padded = header + new string(' ', (64 - total % 64) % 64) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)padded.Length);
        stream.Write(len);
        stream.Write(Encoding.Latin1.GetBytes(padded));
        stream.Write(TensorBytes.AsBytes(tensor.Data));
    }

    private static string Descr(DataType type) => type switch
    {
        DataType.Bool => "|b1",
        DataType.Int8 => "|i1",
        DataType.UInt8 => "|u1",
        DataType.Int16 => "<i2",
        DataType.UInt16 => "<u2",
        DataType.Int32 => "<i4",
        DataType.UInt32 => "<u4",
        DataType.Int64 => "<i8",
        DataType.UInt64 => "<u8",
        DataType.Float16 => "<f2",
        DataType.Float32 => "<f4",
        DataType.Float64 => "<f8",
        _ => throw new DiagnosticException(DiagnosticCodes.CliBadTensorFile, $"{type.MilName()} tensors cannot be written as .npy"),
    };

    private static DataType ParseDescr(string descr, string name)
    {
        foreach (var t in new[] { DataType.Bool, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16, DataType.Int32,
                     DataType.UInt32, DataType.Int64, DataType.UInt64, DataType.Float16, DataType.Float32, DataType.Float64 })
        {
            var d = Descr(t);
            if (descr == d || (d[0] == '<' && descr == "=" + d[1..]) || (d[0] == '|' && descr is { Length: 3 } && descr[1..] == d[1..]))
            {
                return t;
            }
        }
        throw Bad(name, descr.StartsWith('>') ? $"big-endian dtype '{descr}' is not supported" : $"unsupported dtype '{descr}'");
    }

    private static int[] ParseShape(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw Bad(name, $"bad shape ({text})");
            }
        }
        return shape;
    }

    private static DiagnosticException Bad(string name, string what) =>
        new(DiagnosticCodes.CliBadTensorFile, $"'{name}': {what}.");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
