using MilForge.Diagnostics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Cast and CastLike between float, float16, double, int8/uint8/int16/uint16/int32/int64 and bool (Core ML narrows
/// 64-bit types), truncation toward zero, integer wrap-around, fp16 overflow and subnormals, opsets 6–21; string casts
/// are refused.
/// </summary>
public class CastTests
{
    private static readonly Tensor Floats = TestTensors.Floats([8], -2.7f, -0.5f, 0, 0.5f, 2.7f, 100.9f, -100.9f, 3);
    private static readonly Tensor Special = TestTensors.Floats([9], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, 65520, 1e-7f, 1e-40f);

    // (name, input, target)
    private static readonly (string Name, Tensor X, DataType To)[] Casts =
    [
        ("float to int32", Floats, DataType.Int32),
        ("float to int64", Floats, DataType.Int64),
        ("float to int8", Floats, DataType.Int8),
        ("float to uint8", TestTensors.Floats([4], 0, 1.5f, 200.7f, 255), DataType.UInt8),
        ("float to bool", TestTensors.Floats([5], 0, -0f, 0.1f, -3, float.NaN), DataType.Bool),
        ("float to float16", Floats, DataType.Float16),
        ("special float to float16", Special, DataType.Float16),
        ("float to double", Special, DataType.Float64),
        ("float to float", Special, DataType.Float32),
        ("float16 to float", Tensor.Vector((Half)1.5f, (Half)(-65504f), Half.Epsilon, Half.NaN, Half.NegativeInfinity), DataType.Float32),
        ("double to float", Tensor.Vector(1.25, -1e300, 1e-300, 3.0), DataType.Float32),
        ("int32 to float", Tensor.Vector(-7, 0, 16777217, int.MaxValue), DataType.Float32),
        ("int64 to float", TestTensors.LongVector(-7, 0, 123456), DataType.Float32),
        ("int64 to int32", TestTensors.LongVector(-7, 0, 123456), DataType.Int32),
        ("int32 to int64", Tensor.Vector(-7, 0, 5), DataType.Int64),
        ("int64 to bool", TestTensors.LongVector(-7, 0, 1), DataType.Bool),
        ("bool to float", TestTensors.Bools(1, [2, 3]), DataType.Float32),
        ("bool to int64", TestTensors.Bools(2, [4]), DataType.Int64),
        ("bool to int32", TestTensors.Bools(3, [4]), DataType.Int32),
        ("int32 to uint8 wraps", Tensor.Vector(300, -1, 255, 256), DataType.UInt8),
        ("int32 to int8 wraps", Tensor.Vector(200, -129, 127, -128), DataType.Int8),
        ("int64 to int16 wraps", TestTensors.LongVector(40000, -32769, 5), DataType.Int16),
        ("int64 to uint16 wraps", TestTensors.LongVector(70000, -1, 65535), DataType.UInt16),
        ("uint8 to int8 wraps", Tensor.Vector<byte>(200, 127, 128, 0), DataType.Int8),
        ("bool to uint8", TestTensors.Bools(5, [4]), DataType.UInt8),
        ("uint8 to float", Tensor.Vector<byte>(0, 1, 128, 255), DataType.Float32),
        ("int8 to int32", Tensor.Vector<sbyte>(-128, -1, 0, 127), DataType.Int32),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var (name, x, to) in Casts)
        {
            data.Add(new NodeCase(name, "Cast", 13).Input("x", x).Attr("to", (long)OnnxDataTypes.FromDataType(to)).Output("y", to));
        }
        foreach (var opset in new[] { 6, 9, 19, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Cast", opset).Input("x", Floats).Attr("to", (long)OnnxDataTypes.Int64).Output("y", DataType.Int64));
        }
        data.Add(new NodeCase("rank 5", "Cast", 13).Input("x", TestTensors.Uniform(1, [1, 2, 1, 3, 2], -5, 5)).Attr("to", (long)OnnxDataTypes.Int32)
            .Output("y", DataType.Int32));
        foreach (var opset in new[] { 15, 19, 21 })
        {
            data.Add(new NodeCase($"CastLike float to int64 opset {opset}", "CastLike", opset).Input("x", Floats).Input("like", TestTensors.LongVector(1))
                .Output("y", DataType.Int64));
        }
        data.Add(new NodeCase("CastLike int64 to float", "CastLike", 15).Input("x", TestTensors.LongVector(3, -4)).Constant("like", Tensor.Scalar(0f)).Output("y"));
        data.Add(new NodeCase("CastLike float to float16", "CastLike", 15).Input("x", Special).Constant("like", Tensor.Vector((Half)0)).Output("y", DataType.Float16));
        data.Add(new NodeCase("CastLike same type", "CastLike", 15).Input("x", Floats).Constant("like", Tensor.Vector(1f)).Output("y"));
        data.Add(new NodeCase("CastLike bool to int32", "CastLike", 15).Input("x", TestTensors.Bools(4, [3])).Constant("like", Tensor.Vector(1))
            .Output("y", DataType.Int32));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void CastToBFloat16IsRejected() =>
        Rejection.Assert(new NodeCase("to bfloat16", "Cast", 13).Input("x", Floats).Attr("to", (long)OnnxDataTypes.BFloat16).Output("y", DataType.BFloat16),
            DiagnosticCodes.OnnxBadAttribute, "no bfloat16");

    [Fact]
    public void CastToStringIsRejected() =>
        Rejection.Assert(new NodeCase("to string", "Cast", 13).Input("x", Floats).Attr("to", (long)OnnxDataTypes.String).Output("y", DataType.String),
            DiagnosticCodes.OnnxBadAttribute, "string");
}
