using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// BitwiseNot, BitwiseAnd/Or/Xor and BitShift as exact int32 arithmetic: every signed type including its extremes and
/// negative values, uint8 and uint16 over their full range (uint16 shifts against ONNX's definition: ONNX Runtime lacks that kernel), int64 and uint64 within int32, broadcasting, shifts of
/// the type's width and more; the refusals of what int32 cannot hold.
/// </summary>
public class BitwiseTests
{
    private static readonly int[] Int32Extremes = [int.MinValue, int.MaxValue, -1, 0, 1, -2, 0x55555555, unchecked((int)0xAAAAAAAA), 12345, -98765];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("int32 extremes", "BitwiseNot", 18).Input("x", Tensor.Vector(0, -1, 1, int.MaxValue, int.MinValue, 12345, -98765)).Output("y", DataType.Int32),
            new NodeCase("int64", "BitwiseNot", 18).Input("x", TestTensors.Longs(1, [3, 4], -100000, 100000)).Output("y", DataType.Int64),
            new NodeCase("int8", "BitwiseNot", 18).Input("x", Tensor.Create(new sbyte[] { -128, -1, 0, 1, 127 }, 5)).Output("y", DataType.Int8),
            new NodeCase("int16", "BitwiseNot", 18).Input("x", Tensor.Create(new short[] { short.MinValue, -1, 0, 300, short.MaxValue }, 5)).Output("y", DataType.Int16),
            new NodeCase("uint8", "BitwiseNot", 18).Input("x", Tensor.Create(new byte[] { 0, 1, 127, 128, 255 }, 5)).Output("y", DataType.UInt8),
            new NodeCase("uint16", "BitwiseNot", 18).Input("x", Tensor.Create(new ushort[] { 0, 1, 32767, 32768, 65535 }, 5)).Output("y", DataType.UInt16),
        };
        foreach (var op in new[] { "BitwiseAnd", "BitwiseOr", "BitwiseXor" })
        {
            // Every pair of the extremes: [10, 1] against [10].
            data.Add(Binary(op, "int32 extremes, broadcast", Tensor.Create(Int32Extremes, 10, 1), Tensor.Create(Int32Extremes, 10), DataType.Int32));
            data.Add(Binary(op, "int32 random", Ints(1, [3, 4], int.MinValue, int.MaxValue), Ints(2, [3, 4], int.MinValue, int.MaxValue), DataType.Int32));
            data.Add(Binary(op, "int8 every value", Tensor.Create(Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray(), 256),
                Tensor.Create(Enumerable.Range(-128, 256).Select(v => (sbyte)(v * 37)).ToArray(), 256), DataType.Int8));
            data.Add(Binary(op, "uint8 every value", Tensor.Create(Enumerable.Range(0, 256).Select(v => (byte)v).ToArray(), 256),
                Tensor.Create(Enumerable.Range(0, 256).Select(v => (byte)(v * 91)).ToArray(), 256), DataType.UInt8));
            data.Add(Binary(op, "int16", Tensor.Create(new short[] { short.MinValue, short.MaxValue, -1, 0, 0x5555, -21846 }, 6),
                Tensor.Create(new short[] { -1, 0x0F0F, short.MinValue, 7, -3, short.MaxValue }, 6), DataType.Int16));
            data.Add(Binary(op, "uint16", Tensor.Create(new ushort[] { 0, 65535, 32768, 0x5555, 0xAAAA, 1 }, 6),
                Tensor.Create(new ushort[] { 65535, 65535, 32767, 0xAAAA, 0x0FF0, 3 }, 6), DataType.UInt16));
            data.Add(Binary(op, "int64 within int32", TestTensors.Longs(3, [2, 3], int.MinValue, int.MaxValue), TestTensors.Longs(4, [3], int.MinValue, int.MaxValue), DataType.Int64));
            data.Add(Binary(op, "uint64 within int32", Tensor.Create(new ulong[] { 0, 1, 0x7FFFFFFF, 12345678 }, 4), Tensor.Create(new ulong[] { 0x7FFFFFFF, 6, 0x12345678, 87654321 }, 4), DataType.UInt64));
        }
        byte[] bytes = [0, 1, 2, 3, 127, 128, 200, 255];
        byte[] byteShifts = [0, 1, 2, 7, 1, 7, 8, 9];
        foreach (var direction in new[] { "LEFT", "RIGHT" })
        {
            data.Add(Shift(direction, "uint8", Tensor.Create(bytes, 8), Tensor.Create(byteShifts, 8), DataType.UInt8));
            data.Add(Shift(direction, "uint8 by a scalar", Tensor.Create(bytes, 2, 4), Tensor.Create(new byte[] { 3 }), DataType.UInt8));
        }
        data.Add(Shift("RIGHT", "uint32", Tensor.Create(new uint[] { 0, 1, 0x7FFFFFFF, 1000000 }, 4), Tensor.Create(new uint[] { 1, 0, 30, 31 }, 4), DataType.UInt32));
        data.Add(Shift("RIGHT", "uint64", Tensor.Create(new ulong[] { 16, 4, 0x7FFFFFFF, 5 }, 4), Tensor.Create(new ulong[] { 1, 2, 32, 40 }, 4), DataType.UInt64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    // ONNX Runtime has no uint16 BitShift kernel: the expected values follow ONNX's definition (the shifted value
    // truncated to 16 bits), computed here with C#'s shifts on the widened value.
    [Theory]
    [InlineData("LEFT")]
    [InlineData("RIGHT")]
    public void Uint16ShiftsFollowTheOnnxDefinition(string direction)
    {
        ushort[] x = [0, 1, 65535, 32768, 0x1234, 0xFFFF, 3, 40000];
        ushort[] s = [3, 15, 1, 1, 4, 16, 17, 0];
        var c = Shift(direction, "uint16", Tensor.Create(x, 8), Tensor.Create(s, 8), DataType.UInt16);
        var import = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, c.ToString()));
        var actual = new MilInterpreter().Run(import.Program, import.InputNames.ToDictionary(m => m.Value, m => c.Feeds[m.Key]));
        var expected = x.Zip(s, (v, k) => k >= 16 ? 0L : direction == "LEFT" ? ((long)v << k) & 0xFFFF : v >> k);
        Assert.Equal(expected, actual[import.OutputNames[0].Value].AsLongs());
    }

    [Fact]
    public void LeftShiftOfUint32IsRefused() =>
        Rejection.Assert(Shift("LEFT", "uint32", Tensor.Create(new uint[] { 1, 2 }, 2), Tensor.Create(new uint[] { 1, 1 }, 2), DataType.UInt32),
            DiagnosticCodes.OnnxUnsupportedType, "needs all 32 or 64 bits");

    [Fact]
    public void AnUnknownDirectionIsRefused() =>
        Rejection.Assert(Shift("UP", "uint8", Tensor.Create(new byte[] { 1 }, 1), Tensor.Create(new byte[] { 1 }, 1), DataType.UInt8),
            DiagnosticCodes.OnnxBadAttribute, "direction 'UP'");

    [Fact]
    public void Uint32BitwiseNotIsRefused() =>
        Rejection.Assert(new NodeCase("uint32", "BitwiseNot", 18).Input("x", Tensor.Create(new uint[] { 1, 2 }, 2)).Output("y", DataType.UInt32),
            DiagnosticCodes.OnnxUnsupportedType, "BitwiseNot of UInt32");

    private static NodeCase Binary(string op, string name, Tensor a, Tensor b, DataType type) =>
        new NodeCase(name, op, 18).Input("a", a).Input("b", b).Output("y", type);

    private static NodeCase Shift(string direction, string name, Tensor x, Tensor s, DataType type) =>
        new NodeCase($"{direction} {name}", "BitShift", 11).Input("x", x).Input("s", s).Attr("direction", direction).Output("y", type);

    private static Tensor Ints(int seed, int[] shape, int lo, int hi)
    {
        var random = new Random(seed);
        return Tensor.Create([.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => (int)random.NextInt64(lo, (long)hi + 1))], shape);
    }
}
