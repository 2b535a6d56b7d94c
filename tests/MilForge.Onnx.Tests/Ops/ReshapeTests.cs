using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Reshape: explicit and run-time shapes, 0 (copy the input dim), −1 (inferred), allowzero (opset 14), opsets 5–21, symbolic inputs.</summary>
public class ReshapeTests
{
    private static readonly (string Name, long[] Shape)[] Targets =
    [
        ("explicit", [6, 4]),
        ("inferred", [-1, 2]),
        ("inferred first", [-1]),
        ("copy dims", [0, 0, -1]),
        ("copy and infer", [0, -1, 2]),
        ("to rank 5", [2, 1, 3, 2, 2]),
        ("to rank 1", [24]),
        ("unit dims", [1, 24, 1]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        var x = TestTensors.Uniform(seed++, [2, 3, 4]);
        foreach (var (name, shape) in Targets)
        {
            data.Add(new NodeCase(name, "Reshape", 14).Input("x", x).Constant("shape", TestTensors.LongVector(shape)).Output("y"));
        }
        foreach (var opset in new[] { 5, 13, 19, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Reshape", opset).Input("x", x).Constant("shape", TestTensors.LongVector(0, -1)).Output("y"));
        }
        data.Add(new NodeCase("allowzero without zeros", "Reshape", 14).Input("x", x).Constant("shape", TestTensors.LongVector(4, -1)).Attr("allowzero", 1L).Output("y"));
        data.Add(new NodeCase("allowzero 0 keeps copy semantics off", "Reshape", 14).Input("x", x).Constant("shape", TestTensors.LongVector(0, 12))
            .Attr("allowzero", 0L).Output("y"));
        data.Add(new NodeCase("allowzero keeping an empty dim", "Reshape", 14).Input("x", Tensor.Create(Array.Empty<float>(), 0, 3))
            .Constant("shape", TestTensors.LongVector(0, 3)).Attr("allowzero", 1L).Output("y"));
        data.Add(new NodeCase("scalar to [1]", "Reshape", 14).Input("x", Tensor.Scalar(2f)).Constant("shape", TestTensors.LongVector(1)).Output("y"));
        data.Add(new NodeCase("[1] to scalar", "Reshape", 14).Input("x", TestTensors.Floats([1], 2)).Constant("shape", TestTensors.LongVector()).Output("y"));
        data.Add(new NodeCase("int64 data", "Reshape", 14).Input("x", TestTensors.Longs(seed++, [2, 6], -9, 9)).Constant("shape", TestTensors.LongVector(3, -1))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("bool data", "Reshape", 14).Input("x", TestTensors.Bools(seed++, [2, 6])).Constant("shape", TestTensors.LongVector(-1))
            .Output("y", DataType.Bool));
        data.Add(new NodeCase("symbolic batch, copy and infer", "Reshape", 14).SymbolicInput("x", x, 0).Constant("shape", TestTensors.LongVector(0, -1)).Output("y"));
        data.Add(new NodeCase("symbolic batch, infer batch", "Reshape", 14).SymbolicInput("x", x, 0).Constant("shape", TestTensors.LongVector(-1, 3, 2, 2)).Output("y"));
        data.Add(new NodeCase("symbolic all", "Reshape", 14).SymbolicInput("x", x).Constant("shape", TestTensors.LongVector(0, 3, -1)).Output("y"));
        data.Add(new NodeCase("run-time shape", "Reshape", 14).Input("x", x).Input("shape", TestTensors.LongVector(4, 3, 2)).Output("y"));
        data.Add(new NodeCase("run-time shape, copy and infer", "Reshape", 14).SymbolicInput("x", x, 0).Input("shape", TestTensors.LongVector(0, -1)).Output("y"));
        data.Add(new NodeCase("run-time int64 data", "Reshape", 5).Input("x", TestTensors.Longs(seed++, [2, 6], -9, 9))
            .Input("shape", TestTensors.LongVector(-1, 3)).Output("y", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void AllowZeroLiteralZeroOfAnEmptyInputIsAnEmptyConstant() =>
        OnnxOracle.AssertMatches(new NodeCase("allowzero to empty", "Reshape", 14).Input("x", Tensor.Create(Array.Empty<float>(), 0, 3))
            .Constant("shape", TestTensors.LongVector(3, 0))
            .Attr("allowzero", 1L).Output("y"));

    [Fact]
    public void AllowZeroLiteralZeroOfANonEmptyInputIsRejected() =>
        Rejection.Assert(new NodeCase("allowzero zero of non-empty", "Reshape", 14).Input("x", TestTensors.Uniform(1, [2, 3]))
            .Constant("shape", TestTensors.LongVector(6, 0))
            .Attr("allowzero", 1L).Output("y"), DiagnosticCodes.OnnxBadAttribute, "allowzero=1");

    [Fact]
    public void RunTimeShapeWithAllowZeroIsRejected() =>
        Rejection.Assert(new NodeCase("run-time shape", "Reshape", 14).Input("x", TestTensors.Uniform(1, [2, 3])).Input("shape", TestTensors.LongVector(3, 2))
            .Attr("allowzero", 1L).Output("y"), DiagnosticCodes.OnnxNotConstant, "shape");
}
