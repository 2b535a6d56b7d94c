using MilForge.Mil.Text;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// A stand-in for an opset-23 transformer attention block: x [1, 8, 32] → MatMul Q/K/V projections → Attention (3-D,
/// causal, 4 heads of 8) → MatMul output projection → residual Add. FP32 within rtol 1e-3 / atol 1e-4 of ONNX Runtime;
/// FP16 within 2e-2 of the output's range: five chained products of 32 terms, each input and weight rounded to binary16.
/// </summary>
public class AttentionBlockTests
{
    private const int Sequence = 8;
    private const int Hidden = 32;

    private static byte[] Model()
    {
        var g = new OnnxGraphBuilder(23, "attention_block");
        g.Input("x", DataType.Float32, 1, Sequence, Hidden);
        var seed = 40;
        foreach (var w in new[] { "wq", "wk", "wv", "wo" })
        {
            g.Initializer(w, TestTensors.Uniform(seed++, [Hidden, Hidden], -0.3f, 0.3f));
        }
        g.Node("MatMul", ["x", "wq"], ["q"], "/q_proj");
        g.Node("MatMul", ["x", "wk"], ["k"], "/k_proj");
        g.Node("MatMul", ["x", "wv"], ["v"], "/v_proj");
        g.Node("Attention", ["q", "k", "v"], ["attended"], "/attention").Attr("is_causal", 1L).Attr("q_num_heads", 4L).Attr("kv_num_heads", 4L);
        g.Node("MatMul", ["attended", "wo"], ["projected"], "/o_proj");
        g.Node("Add", ["x", "projected"], ["y"], "/residual");
        g.Output("y", DataType.Float32, 1, Sequence, Hidden);
        return g.ToBytes();
    }

    private static Dictionary<string, Tensor> Feeds() => new() { ["x"] = TestTensors.Uniform(7, [1, Sequence, Hidden]) };

    [Fact]
    public void MatchesOnnxRuntimeInFp32() => OnnxOracle.AssertMatches(Model(), Feeds(), 1e-4, 1e-3, "attention block");

    [Fact]
    public void MatchesOnnxRuntimeInFp16()
    {
        var model = Model();
        var feeds = Feeds();
        var reference = new OrtReferenceRunner().Run(model, feeds, "attention block")[0].Value;
        var result = OnnxConversion.Convert(OnnxModel.Parse(model, null, "attention block"), new ConversionOptions());
        var program = OnnxOracle.RoundTrip(result.Program);
        var inputs = result.Import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]);
        var actual = new MilInterpreter().Run(program, inputs)[result.Import.OutputNames[0].Value].CastTo(DataType.Float32);
        var range = reference.AsDoubles().Max(Math.Abs);
        var comparison = TensorComparer.Compare("y", reference, actual, 2e-2 * range, 0);
        Assert.True(comparison.Passed, $"{comparison.Mismatches}/{comparison.Elements} elements differ, max abs {comparison.MaxAbsError:G4}"
            + $"\nMIL:\n{new MilPrinter().Print(program)}");
    }
}
