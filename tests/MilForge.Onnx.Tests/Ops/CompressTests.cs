using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Compress: constant conditions (gather with constant indices) on every axis and flattened, shorter than the axis,
/// all false; run-time conditions (non_zero + gather), also with symbolic data; float and int64 data; opsets 9 and 11.
/// </summary>
public class CompressTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [3, 4, 2]);
        foreach (var constant in new[] { true, false })
        {
            NodeCase Case(string name, int opset, Tensor input, Tensor condition)
            {
                var c = new NodeCase($"{name} ({(constant ? "constant" : "run-time")} condition)", "Compress", opset).Input("x", input);
                return constant ? c.Constant("c", condition) : c.Input("c", condition);
            }
            data.Add(Case("axis 0", 11, x, Tensor.Vector(true, false, true)).Attr("axis", 0L).Output("y"));
            data.Add(Case("axis 1", 11, x, Tensor.Vector(false, true, true, false)).Attr("axis", 1L).Output("y"));
            data.Add(Case("axis -1", 11, x, Tensor.Vector(false, true)).Attr("axis", -1L).Output("y"));
            data.Add(Case("shorter condition", 11, x, Tensor.Vector(true, false)).Attr("axis", 1L).Output("y"));
            data.Add(Case("all false", 11, x, Tensor.Vector(false, false, false)).Attr("axis", 0L).Output("y"));
            data.Add(Case("flattened", 11, x, TestTensors.Bools(2, [24])).Output("y"));
            data.Add(Case("flattened, shorter condition", 11, x, TestTensors.Bools(3, [10])).Output("y"));
            data.Add(Case("int64 data", 11, TestTensors.Longs(4, [2, 3], -9, 9), Tensor.Vector(true, false, true)).Attr("axis", 1L).Output("y", DataType.Int64));
            data.Add(Case("opset 9", 9, x, Tensor.Vector(false, true, true)).Attr("axis", 0L).Output("y"));
        }
        data.Add(new NodeCase("symbolic data, run-time condition", "Compress", 11).SymbolicInput("x", x, 0).Input("c", Tensor.Vector(true, true, false, true))
            .Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("symbolic data flattened", "Compress", 11).SymbolicInput("x", x, 0).Constant("c", TestTensors.Bools(5, [24])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void ConstantConditionPastTheAxisIsRejected() =>
        Rejection.Assert(new NodeCase("too long", "Compress", 11).Input("x", TestTensors.Uniform(1, [2, 3])).Constant("c", Tensor.Vector(false, false, false, true))
            .Attr("axis", 1L).Output("y"), DiagnosticCodes.OnnxBadAttribute, "past the end");
}
