using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Add/Sub/Mul/Div/Pow before opset 7: B broadcasts only with broadcast=1, its dims lined up with A's from
/// <c>axis</c> (trailing dims without it). ONNX Runtime implements these ops from opset 7 only, so the expected
/// values are computed here.
/// </summary>
public class LegacyBroadcastTests
{
    public static TheoryData<string, int, int[], int[], long?> Cases() => new()
    {
        { "Add", 6, [2, 3, 4], [3], 1 },
        { "Add", 6, [2, 3, 4], [2, 3], 0 },
        { "Add", 6, [2, 3, 4], [3, 1], 1 },
        { "Add", 6, [2, 3, 4], [4], null },
        { "Sub", 6, [2, 3, 4, 5], [3, 4], 1 },
        { "Mul", 6, [2, 3], [2], 0 },
        { "Div", 6, [2, 3, 4], [1], 2 },
        { "Mul", 6, [2, 3], [], null },
        { "Add", 1, [3, 2], [3], 0 },
        { "Pow", 1, [2, 3], [2], 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BroadcastsFromAxis(string op, int opset, int[] aShape, int[] bShape, long? axis)
    {
        var a = TestTensors.Uniform(1, aShape, 0.5f, 2);
        var b = TestTensors.Uniform(2, bShape, 0.5f, 2);
        var g = new Building.OnnxGraphBuilder(opset).Input("a", DataType.Float32, [.. aShape.Select(d => (long?)d)])
            .Input("b", DataType.Float32, [.. bShape.Select(d => (long?)d)]).Output("c", DataType.Float32);
        var node = g.Node(op, ["a", "b"], ["c"]).Attr("broadcast", 1L);
        if (axis is { } ax)
        {
            node.Attr("axis", ax);
        }
        var import = OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, $"{op}-{opset}"));
        var actual = new MilInterpreter().Run(import.Program, new Dictionary<string, Tensor> { ["a"] = a, ["b"] = b })["c"];

        var start = (int)(axis ?? aShape.Length - bShape.Length);
        var expected = Expected(op, a, b, start);
        Assert.Equal(aShape, actual.ShapeArray());
        Assert.Equal(expected, actual.AsFloats(), (e, x) => Math.Abs(e - x) <= 1e-5 + (1e-4 * Math.Abs(e)));
    }

    [Fact]
    public void WithoutBroadcastShapesMatch()
    {
        var g = new Building.OnnxGraphBuilder(6).Input("a", DataType.Float32, 2, 2).Input("b", DataType.Float32, 2, 2).Output("c", DataType.Float32);
        g.Node("Sub", ["a", "b"], ["c"]);
        var import = OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, "sub-6"));
        var c = new MilInterpreter().Run(import.Program, new Dictionary<string, Tensor>
        {
            ["a"] = TestTensors.Floats([2, 2], 5, 6, 7, 8),
            ["b"] = TestTensors.Floats([2, 2], 1, 2, 3, 4),
        })["c"];
        Assert.Equal([4f, 4f, 4f, 4f], c.AsFloats());
    }

    private static float[] Expected(string op, Tensor a, Tensor b, int start)
    {
        var av = a.AsFloats();
        var bv = b.AsFloats();
        var aStrides = Broadcasting.Strides(a.ShapeArray());
        var bStrides = Broadcasting.Strides(b.ShapeArray());
        var result = new float[av.Length];
        for (var i = 0; i < av.Length; i++)
        {
            var bi = 0;
            for (var d = 0; d < b.Rank; d++)
            {
                var coordinate = i / aStrides[start + d] % a.Shape[start + d];
                bi += (b.Shape[d] == 1 ? 0 : coordinate) * bStrides[d];
            }
            result[i] = op switch
            {
                "Add" => av[i] + bv[bi],
                "Sub" => av[i] - bv[bi],
                "Mul" => av[i] * bv[bi],
                "Div" => av[i] / bv[bi],
                _ => MathF.Pow(av[i], bv[bi]),
            };
        }
        return result;
    }
}
