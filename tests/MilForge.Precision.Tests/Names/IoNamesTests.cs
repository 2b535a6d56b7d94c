using MilForge.Mil;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Precision.Tests.Names;

/// <summary>
/// A package's inputs and outputs carry the ONNX names in every precision, target and I/O dtype — also when an output
/// is read inside the graph and when an output is a copy of another — and the precision tools run on such a model. An
/// input that is also an output cannot share its name with the output in MIL or Core ML: that output is NAME_out, with
/// a warning.
/// </summary>
public class IoNamesTests
{
    /// <summary>
    /// A BERT-like encoder: ids (int64) → embedding Gather → + mask → LayerNorm = <c>hidden</c> (an output, also read by
    /// the pooler) → token 0 → MatMul → Tanh = <c>pooled</c>; <c>mask</c> is also an output, <c>copy</c> = Identity(pooled).
    /// </summary>
    private static OnnxModel Encoder()
    {
        var g = new OnnxGraphBuilder(17).Input("ids", DataType.Int64, 1, 6).Input("mask", DataType.Float32, 1, 6)
            .Output("hidden", DataType.Float32, 1, 6, 8).Output("pooled", DataType.Float32, 1, 8)
            .Output("mask", DataType.Float32, 1, 6).Output("copy", DataType.Float32, 1, 8);
        g.Initializer("emb", TestTensors.Uniform(1, [10, 8]));
        g.Initializer("gamma", TestTensors.Uniform(2, [8], 0.5f, 1.5f));
        g.Initializer("beta", TestTensors.Uniform(3, [8]));
        g.Initializer("wp", TestTensors.Uniform(4, [8, 8]));
        g.Initializer("zero", Tensor.Create([0L], []));
        g.Initializer("axes", Tensor.Create([-1L], 1));
        g.Node("Gather", ["emb", "ids"], ["e"], "/embeddings/Gather");
        g.Node("Unsqueeze", ["mask", "axes"], ["m3"], "/Unsqueeze");
        g.Node("Add", ["e", "m3"], ["em"], "/Add");
        g.Node("LayerNormalization", ["em", "gamma", "beta"], ["hidden"], "/encoder/LayerNorm").Attr("axis", -1L);
        g.Node("Gather", ["hidden", "zero"], ["cls"], "/pooler/Gather").Attr("axis", 1L);
        g.Node("MatMul", ["cls", "wp"], ["pre"], "/pooler/MatMul");
        g.Node("Tanh", ["pre"], ["pooled"], "/pooler/Tanh");
        g.Node("Identity", ["pooled"], ["copy"], "/Identity");
        return OnnxModel.Parse(g.ToBytes(), null, "encoder");
    }

    /// <summary>The package's outputs: the ONNX names, but the input passed through gets a distinct name (ONNX1013).</summary>
    private static readonly string[] Outputs = ["hidden", "pooled", "mask_out", "copy"];

    public static TheoryData<string, ComputePrecision, DeploymentTarget, bool?> Configurations() => new()
    {
        { "fp32 iOS16", ComputePrecision.Fp32, DeploymentTarget.iOS16, null },
        { "fp32 iOS15", ComputePrecision.Fp32, DeploymentTarget.iOS15, null },
        { "fp16 iOS16 fp16 I/O", ComputePrecision.Fp16, DeploymentTarget.iOS16, null },
        { "fp16 iOS16 --io-dtype fp32", ComputePrecision.Fp16, DeploymentTarget.iOS16, false },
        { "fp16 iOS15", ComputePrecision.Fp16, DeploymentTarget.iOS15, null },
        { "fp16 iOS18 fp16 I/O", ComputePrecision.Fp16, DeploymentTarget.iOS18, true },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void InputsAndOutputsKeepTheOnnxNames(string name, ComputePrecision precision, DeploymentTarget target, bool? fp16IO)
    {
        var result = OnnxConversion.Convert(Encoder(), new ConversionOptions { Precision = precision, Target = target, Fp16IO = fp16IO });
        var main = result.Program.Main;
        Assert.True(main.Inputs.Select(i => i.Name).SequenceEqual(["ids", "mask"]), $"{name}: inputs {string.Join(", ", main.Inputs.Select(i => i.Name))}");
        Assert.True(main.Body.Outputs.Select(o => o.Name).SequenceEqual(Outputs), $"{name}: outputs {string.Join(", ", main.Body.Outputs.Select(o => o.Name))}");
        Assert.Empty(Mil.Verification.MilVerifier.Verify(result.Program));
        Assert.Contains(result.Diagnostics, d => d.Code == Diagnostics.DiagnosticCodes.OnnxRenamedOutput && d.Message.Contains("'mask_out'", StringComparison.Ordinal));
        Assert.Equal("mask_out", result.Import.OutputNames.Single(p => p.Key == "mask").Value);
        var feeds = new Dictionary<string, Tensor> { ["ids"] = Tensor.Create([1, 3, 5, 7, 9, 0], 1, 6), ["mask"] = TestTensors.Uniform(5, [1, 6], 0, 1) };
        var outputs = new MilInterpreter().Run(result.Program, feeds, new RunOptions { CastInputs = true });
        Assert.Equal(Outputs, outputs.Keys);
    }

    [Fact]
    public void DebugPrecisionAndTheSearchRunOnTheEncoder()
    {
        var subject = PrecisionSubject.FromOnnx(Encoder(), new ConversionOptions());
        var samples = new List<IReadOnlyDictionary<string, Tensor>>
        {
            new Dictionary<string, Tensor> { ["ids"] = Tensor.Create([1, 3, 5, 7, 9, 0], 1, 6), ["mask"] = TestTensors.Uniform(5, [1, 6], 0, 1) },
        };
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
        Assert.Equal(Outputs, report.Outputs.Select(o => o.Name));
        var search = new MixedPrecisionSearch(subject, samples, new SearchOptions()).Run(report);
        Assert.True(search.Verified);
        Assert.Equal(Outputs, search.Build.Program.Main.Body.Outputs.Select(o => o.Name));
    }
}
