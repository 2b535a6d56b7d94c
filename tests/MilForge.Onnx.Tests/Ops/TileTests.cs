using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Tile: constant and run-time repeats, ranks 1–4, zero repeats, int and bool data, opsets 6 and 13.</summary>
public class TileTests
{
    private static readonly (string Name, int[] X, long[] Repeats)[] Tilings =
    [
        ("rank 1", [3], [4]),
        ("rank 2", [2, 3], [2, 2]),
        ("ones", [2, 3], [1, 1]),
        ("rank 4", [1, 2, 1, 3], [2, 1, 3, 2]),
        ("zero", [2, 3], [0, 2]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, repeats) in Tilings)
        {
            data.Add(new NodeCase(name, "Tile", 13).Input("x", TestTensors.Uniform(seed++, x)).Constant("repeats", TestTensors.LongVector(repeats)).Output("y"));
            data.Add(new NodeCase($"{name}, run-time repeats", "Tile", 13).Input("x", TestTensors.Uniform(seed++, x)).Input("repeats", TestTensors.LongVector(repeats)).Output("y"));
        }
        data.Add(new NodeCase("opset 6", "Tile", 6).Input("x", TestTensors.Uniform(seed++, [2, 2])).Constant("repeats", TestTensors.LongVector(3, 1)).Output("y"));
        data.Add(new NodeCase("int64", "Tile", 13).Input("x", TestTensors.Longs(seed++, [2, 2], -9, 9)).Constant("repeats", TestTensors.LongVector(1, 3)).Output("y", DataType.Int64));
        data.Add(new NodeCase("bool", "Tile", 13).Input("x", TestTensors.Bools(seed++, [3])).Constant("repeats", TestTensors.LongVector(2)).Output("y", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void WrongRepeatCountIsRejected() =>
        Rejection.Assert(new NodeCase("short repeats", "Tile", 13).Input("x", TestTensors.Uniform(1, [2, 3])).Constant("repeats", TestTensors.LongVector(2)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "repeats");
}
