using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Mod: floor modulo (fmod=0, integers) and C remainder (fmod=1, integers and floats), mixed signs, broadcasting, opsets.</summary>
public class ModTests
{
    private static readonly long[] Dividends = [-7, 7, -7, 7, 0, 5, -5, 9, -9, 13, 1, -1];
    private static readonly long[] Divisors = [3, -3, -3, 3, 4, 5, 5, -2, 2, 4, -6, 6];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var fmod in new[] { 0L, 1L })
        {
            foreach (var opset in new[] { 10, 13 })
            {
                data.Add(new NodeCase($"int32 fmod={fmod}", "Mod", opset).Attr("fmod", fmod)
                    .Input("a", Ints(Dividends)).Input("b", Ints(Divisors)).Output("c", DataType.Int32));
            }
            data.Add(new NodeCase($"int64 fmod={fmod}", "Mod", 13).Attr("fmod", fmod)
                .Input("a", Tensor.Vector(Dividends)).Input("b", Tensor.Vector(Divisors)).Output("c", DataType.Int64));
            data.Add(new NodeCase($"broadcast fmod={fmod}", "Mod", 13).Attr("fmod", fmod)
                .Input("a", TestTensors.Longs(1, [3, 4], -20, 20)).Constant("b", TestTensors.LongVector(3, -4, 7, -2)).Output("c", DataType.Int64));
        }
        data.Add(new NodeCase("default fmod is 0", "Mod", 13).Input("a", Ints(Dividends)).Input("b", Ints(Divisors)).Output("c", DataType.Int32));
        var x = TestTensors.Floats([8], -4.3f, 7.2f, 5f, 4.3f, -7.2f, 8f, 0f, -0.5f);
        var y = TestTensors.Floats([8], 2.1f, -3.4f, 8f, -2.1f, 3.4f, 5f, 3f, 0.25f);
        data.Add(new NodeCase("float fmod=1", "Mod", 13).Attr("fmod", 1L).Input("a", x).Input("b", y).Output("c"));
        data.Add(new NodeCase("float fmod=1 broadcast", "Mod", 10).Attr("fmod", 1L).Fp32Only("a dividend rounded to binary16 can cross a multiple of the divisor, which changes the remainder by the divisor")
            .Input("a", TestTensors.Uniform(2, [2, 3, 4], -10, 10)).Input("b", TestTensors.Floats([4], 3f, -2.5f, 1.5f, -4f)).Output("c"));
        data.Add(new NodeCase("float16 fmod=1", "Mod", 13).Attr("fmod", 1L).Input("a", x.CastTo(DataType.Float16))
            .Input("b", y.CastTo(DataType.Float16)).Output("c", DataType.Float16));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void FloatFloorModIsRejected() =>
        Rejection.Assert(new NodeCase("float fmod=0", "Mod", 13).Input("a", TestTensors.Uniform(1, [3])).Input("b", TestTensors.Uniform(2, [3])).Output("c"),
            DiagnosticCodes.OnnxBadAttribute, "fmod=0");

    [Fact]
    public void MixedTypesAreRejected() =>
        Rejection.Assert(new NodeCase("mixed", "Mod", 13).Attr("fmod", 1L).Input("a", TestTensors.Uniform(1, [3])).Input("b", Ints([1, 2, 3])).Output("c"),
            DiagnosticCodes.OnnxBadAttribute, "different element types");

    private static Tensor Ints(long[] values) => Tensor.Vector([.. values.Select(v => (int)v)]);
}
