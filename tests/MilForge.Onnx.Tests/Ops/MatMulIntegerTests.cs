namespace MilForge.Onnx.Tests.Ops;

/// <summary>MatMulInteger: uint8/int8 operands, constant and run-time B, no / scalar / per-column b zero points, batched A.</summary>
public class MatMulIntegerTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (ta, tb) in new[] { (DataType.UInt8, DataType.UInt8), (DataType.UInt8, DataType.Int8), (DataType.Int8, DataType.Int8) })
        {
            foreach (var zeroPoints in new[] { "none", "scalar", "vector" })
            {
                foreach (var constantB in new[] { false, true })
                {
                    var (alo, ahi) = ta == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
                    var (blo, bhi) = tb == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
                    var b = TestTensors.Longs(seed++, [5, 4], blo, bhi).CastTo(tb);
                    var c = new NodeCase($"{ta.MilName()}x{tb.MilName()} {zeroPoints} zero points {(constantB ? "const" : "input")} B", "MatMulInteger", 10)
                        .Input("a", TestTensors.Longs(seed++, [3, 5], alo, ahi).CastTo(ta));
                    c = constantB ? c.Constant("b", b) : c.Input("b", b);
                    if (zeroPoints != "none")
                    {
                        var vector = zeroPoints == "vector";
                        // ONNX Runtime refuses per-row a zero points, so only b is per-column here.
                        c = c.Constant("azp", TestTensors.Longs(seed++, [], alo, ahi).CastTo(ta))
                            .Constant("bzp", TestTensors.Longs(seed++, vector ? [4] : [], blo, bhi).CastTo(tb));
                    }
                    data.Add(c.Output("y", DataType.Int32));
                }
            }
        }
        data.Add(new NodeCase("batched A", "MatMulInteger", 10).Input("a", TestTensors.Longs(seed++, [2, 3, 6], 0, 255).CastTo(DataType.UInt8))
            .Constant("b", TestTensors.Longs(seed++, [6, 2], 0, 255).CastTo(DataType.UInt8)).Constant("azp", Tensor.Scalar((byte)7))
            .Constant("bzp", Tensor.Scalar((byte)128)).Output("y", DataType.Int32));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
