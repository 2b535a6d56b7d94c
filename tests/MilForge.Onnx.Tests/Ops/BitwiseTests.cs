using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>BitwiseNot on signed integers, uint8 and uint16 (exact arithmetic); the refusals of the ops Core ML cannot express.</summary>
public class BitwiseTests
{
    public static TheoryData<NodeCase> Cases() => new()
    {
        new NodeCase("int32 extremes", "BitwiseNot", 18).Input("x", Tensor.Vector(0, -1, 1, int.MaxValue, int.MinValue, 12345, -98765)).Output("y", DataType.Int32),
        new NodeCase("int64", "BitwiseNot", 18).Input("x", TestTensors.Longs(1, [3, 4], -100000, 100000)).Output("y", DataType.Int64),
        new NodeCase("int8", "BitwiseNot", 18).Input("x", Tensor.Create(new sbyte[] { -128, -1, 0, 1, 127 }, 5)).Output("y", DataType.Int8),
        new NodeCase("int16", "BitwiseNot", 18).Input("x", Tensor.Create(new short[] { short.MinValue, -1, 0, 300, short.MaxValue }, 5)).Output("y", DataType.Int16),
        new NodeCase("uint8", "BitwiseNot", 18).Input("x", Tensor.Create(new byte[] { 0, 1, 127, 128, 255 }, 5)).Output("y", DataType.UInt8),
        new NodeCase("uint16", "BitwiseNot", 18).Input("x", Tensor.Create(new ushort[] { 0, 1, 32767, 32768, 65535 }, 5)).Output("y", DataType.UInt16),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData("BitwiseAnd", 18)]
    [InlineData("BitwiseOr", 18)]
    [InlineData("BitwiseXor", 18)]
    public void BinaryBitwiseOpsAreRefused(string op, int opset) =>
        Rejection.Assert(new NodeCase("int32", op, opset).Input("a", Tensor.Vector(1, 2)).Input("b", Tensor.Vector(3, 4)).Output("y", DataType.Int32),
            DiagnosticCodes.OnnxUnsupportedType, "Core ML has no bitwise ops");

    [Fact]
    public void BitShiftIsRefused() =>
        Rejection.Assert(new NodeCase("uint8", "BitShift", 11).Input("x", Tensor.Create(new byte[] { 1, 2 }, 2)).Input("s", Tensor.Create(new byte[] { 1, 1 }, 2))
            .Attr("direction", "LEFT").Output("y", DataType.UInt8), DiagnosticCodes.OnnxUnsupportedType, "unsigned integers");

    [Fact]
    public void Uint32BitwiseNotIsRefused() =>
        Rejection.Assert(new NodeCase("uint32", "BitwiseNot", 18).Input("x", Tensor.Create(new uint[] { 1, 2 }, 2)).Output("y", DataType.UInt32),
            DiagnosticCodes.OnnxUnsupportedType, "BitwiseNot of UInt32");
}
