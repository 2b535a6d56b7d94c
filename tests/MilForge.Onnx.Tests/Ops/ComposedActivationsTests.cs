using MilForge.Diagnostics;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Selu, Celu, Swish, SwiGLU, Mish and Shrink (ComposedActivations): defaults, attributes, opsets, special values, integer Shrink.</summary>
public class ComposedActivationsTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var x = TestTensors.Uniform(1, [2, 3, 4], -4, 4);
        var special = TestTensors.Floats([10], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, -65504, 1e-40f, -1e-40f, 1);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("defaults opset 6", "Selu", 6).Input("x", x).Output("y"),
            new NodeCase("alpha gamma", "Selu", 22).Input("x", x).Attr("alpha", 2f).Attr("gamma", 3f).Output("y"),
            new NodeCase("default alpha", "Celu", 12).Input("x", x).Output("y"),
            new NodeCase("alpha 2", "Celu", 12).Input("x", x).Attr("alpha", 2f).Output("y"),
            new NodeCase("alpha 0.3", "Celu", 12).Input("x", x).Attr("alpha", 0.3f).Output("y"),
            new NodeCase("default alpha", "Swish", 24).Input("x", x).Output("y"),
            new NodeCase("alpha 0.5", "Swish", 24).Input("x", x).Attr("alpha", 0.5f).Output("y"),
            new NodeCase("opset 18", "Mish", 18).Input("x", x).Output("y"),
            new NodeCase("opset 22 wide range", "Mish", 22).Input("x", TestTensors.Uniform(2, [4, 5], -40, 40)).Output("y"),
            new NodeCase("soft defaults", "Shrink", 9).Input("x", x).Output("y"),
            new NodeCase("lambd 1.5 bias 1.5", "Shrink", 9).Input("x", x).Attr("lambd", 1.5f).Attr("bias", 1.5f).Output("y"),
            new NodeCase("hard", "Shrink", 9).Input("x", x).Attr("lambd", 2f).Output("y"),
            new NodeCase("at the bounds", "Shrink", 9).Input("x", TestTensors.Floats([5], -1, 1, -1.0001f, 1.0001f, 0)).Attr("lambd", 1f).Attr("bias", 0.25f)
                .Output("y").Fp32Only("values a hair beyond lambd round to lambd in binary16, so the strict comparison flips"),
            new NodeCase("negative lambd", "Shrink", 9).Input("x", x).Attr("lambd", -1f).Attr("bias", 0.5f).Output("y"),
            new NodeCase("int32", "Shrink", 9).Input("x", Tensor.Vector(-5, -2, -1, 0, 1, 2, 5)).Attr("lambd", 1.5f).Attr("bias", 1f).Output("y", DataType.Int32),
            new NodeCase("int64 integral lambd", "Shrink", 9).Input("x", TestTensors.LongVector(-5, -2, -1, 0, 1, 2, 5)).Attr("lambd", 2f).Attr("bias", -3f)
                .Output("y", DataType.Int64),
        };
        foreach (var (op, opset) in new[] { ("Selu", 22), ("Celu", 12), ("Swish", 24), ("Mish", 22), ("Shrink", 9) })
        {
            data.Add(new NodeCase("special values", op, opset).Input("x", special).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    /// <summary>SwiGLU cases: alpha (null for the default), the shape of a and the shape of b (broadcast).</summary>
    public static TheoryData<float?, int[], int[]> SwiGluCases() => new()
    {
        { null, [2, 3, 4], [2, 3, 4] },
        { 0.5f, [2, 3, 4], [2, 3, 4] },
        { 1.7f, [3, 8], [8] },
    };

    /// <summary>
    /// SwiGLU (opset 28) is newer than ONNX Runtime's opsets, so the reference is its definition, Swish(a, alpha)·b, as
    /// a two-node opset-24 model run by ONNX Runtime.
    /// </summary>
    [Theory]
    [MemberData(nameof(SwiGluCases))]
    public void SwiGluMatchesSwishTimesBInOnnxRuntime(float? alpha, int[] aShape, int[] bShape)
    {
        var feeds = new Dictionary<string, Tensor> { ["a"] = TestTensors.Uniform(1, aShape, -6, 6), ["b"] = TestTensors.Uniform(2, bShape, -2, 2) };
        var swiglu = new OnnxGraphBuilder(28, "swiglu").Input("a", DataType.Float32, [.. aShape.Select(d => (long?)d)])
            .Input("b", DataType.Float32, [.. bShape.Select(d => (long?)d)]).Output("y", DataType.Float32, null);
        var node = swiglu.Node("SwiGLU", ["a", "b"], ["y"]);
        var reference = new OnnxGraphBuilder(24, "swish_mul").Input("a", DataType.Float32, [.. aShape.Select(d => (long?)d)])
            .Input("b", DataType.Float32, [.. bShape.Select(d => (long?)d)]).Output("y", DataType.Float32, null);
        var swish = reference.Node("Swish", ["a"], ["s"]);
        reference.Node("Mul", ["s", "b"], ["y"]);
        if (alpha is { } value)
        {
            node.Attr("alpha", value);
            swish.Attr("alpha", value);
        }
        var expected = new OrtReferenceRunner().Run(reference.ToBytes(), feeds).Single().Value;
        var import = OnnxConversion.Import(OnnxModel.Parse(swiglu.ToBytes(), null, "swiglu"));
        var program = OnnxOracle.RoundTrip(import.Program);
        var actual = new MilInterpreter().Run(program, import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]))[import.OutputNames[0].Value];
        var comparison = TensorComparer.Compare("y", expected, actual, 1e-5, 1e-4);
        Assert.True(comparison.Passed, $"{comparison.Mismatches} elements differ, max abs {comparison.MaxAbsError:G4}\nexpected {expected}\nactual   {actual}");
    }

    [Fact]
    public void NonPositiveCeluAlphaIsRejected() =>
        Rejection.Assert(new NodeCase("alpha 0", "Celu", 12).Input("x", TestTensors.Uniform(1, [3])).Attr("alpha", 0f).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "positive alpha");

    [Fact]
    public void IntegerShrinkWithFractionalBiasIsRejected() =>
        Rejection.Assert(new NodeCase("bias 0.5", "Shrink", 9).Input("x", Tensor.Vector(1, 2, 3)).Attr("bias", 0.5f).Output("y", DataType.Int32),
            DiagnosticCodes.OnnxBadAttribute, "integral bias");
}
