namespace MilForge.Onnx.Tests.Ops;

/// <summary>Shape: static (folded to a constant) and symbolic (MIL shape) inputs, opset-15 start/end incl. negative and clamped.</summary>
public class ShapeTests
{
    private static readonly (string Name, long? Start, long? End)[] Ranges =
    [
        ("start 1", 1, null), ("end 2", null, 2), ("start 1 end 3", 1, 3), ("negative start", -2, null), ("negative end", null, -1),
        ("negative both", -3, -1), ("clamped", -10, 10), ("empty", 3, 1), ("start at rank", 4, null),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [2, 3, 4, 5]);
        foreach (var opset in new[] { 1, 13, 15, 19, 21 })
        {
            data.Add(new NodeCase("static", "Shape", opset).Input("x", x).Output("s", DataType.Int64));
            data.Add(new NodeCase("symbolic", "Shape", opset).SymbolicInput("x", x, 0, 2).Output("s", DataType.Int64));
        }
        foreach (var (name, start, end) in Ranges)
        {
            foreach (var symbolic in new[] { false, true })
            {
                var c = symbolic ? new NodeCase($"{name} symbolic", "Shape", 15).SymbolicInput("x", x, 0) : new NodeCase(name, "Shape", 15).Input("x", x);
                if (start is { } s)
                {
                    c = c.Attr("start", s);
                }
                if (end is { } e)
                {
                    c = c.Attr("end", e);
                }
                data.Add(c.Output("s", DataType.Int64));
            }
        }
        data.Add(new NodeCase("scalar", "Shape", 15).Input("x", Tensor.Scalar(1f)).Output("s", DataType.Int64));
        data.Add(new NodeCase("rank 1 int64", "Shape", 15).Input("x", TestTensors.LongVector(1, 2, 3)).Output("s", DataType.Int64));
        data.Add(new NodeCase("rank 5 bool", "Shape", 15).Input("x", TestTensors.Bools(2, [1, 2, 1, 3, 2])).Output("s", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
