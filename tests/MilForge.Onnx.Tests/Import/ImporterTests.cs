using MilForge.Diagnostics;
using MilForge.Mil.Text;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Import;

/// <summary>Whole-graph behavior of the importer: unsupported-op reporting, shape-chain folding, naming and I/O types.</summary>
public class ImporterTests
{
    [Fact]
    public void UnsupportedOpsStopWithOneDiagnosticListingEveryTypeWithCountsAndNodes()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 3).Output("y", DataType.Float32);
        g.Node("FancyOp", ["x"], ["a"], "fancy_1");
        g.Node("Relu", ["a"], ["b"], "relu");
        g.Node("FancyOp", ["b"], ["c"], "fancy_2");
        g.Node("OtherOp", ["c"], ["d"], "other");
        g.Node("FancyOp", ["d"], ["y"], "");
        var model = OnnxModel.Parse(g.ToBytes(), null, "unsupported.onnx");

        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(model));

        var diagnostic = Assert.Single(e.Diagnostics);
        Assert.Equal(DiagnosticCodes.OnnxUnsupportedOp, diagnostic.Code);
        Assert.Contains("4 node(s)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("FancyOp ×3 ('fancy_1', 'fancy_2', 'FancyOp_4')", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("OtherOp ×1 ('other')", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Relu", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKnownOpBelowItsFirstSupportedOpsetIsReportedWithTheOpset()
    {
        var g = new OnnxGraphBuilder(3).Input("x", DataType.Float32, 2).Output("y", DataType.Float32);
        g.Node("Concat", ["x", "x"], ["y"], "cat").Attr("axis", 0L);
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, "old.onnx")));
        Assert.Equal(DiagnosticCodes.OnnxUnsupportedOp, e.Code);
        Assert.Contains("Concat (opset 3) ×1 ('cat')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyUnsupportedNodesAreAbbreviated()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2).Output("x6", DataType.Float32);
        for (var i = 0; i < 6; i++)
        {
            g.Node("FancyOp", [$"x{(i == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))}"], [$"x{i + 1}"], $"n{i}");
        }
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, "many.onnx")));
        Assert.Contains("FancyOp ×6 ('n0', 'n1', 'n2', 'n3', 'n4', ...)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpsOfOtherDomainsAreListedWithTheirDomain()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2).Output("y", DataType.Float32);
        g.Node("FusedGelu", ["x"], ["y"], "fused", "com.microsoft");
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, "ms.onnx")));
        Assert.Equal(DiagnosticCodes.OnnxUnsupportedOp, e.Code);
        Assert.Contains("com.microsoft.FusedGelu ×1 ('fused')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedGraphsAreReported()
    {
        var twice = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2).Output("y", DataType.Float32);
        twice.Node("Relu", ["x"], ["y"], "first");
        twice.Node("Neg", ["x"], ["y"], "second");
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(twice.ToBytes(), null, "twice.onnx")));
        Assert.Equal(DiagnosticCodes.OnnxBadGraph, e.Code);
        Assert.Contains("'y' is produced twice", e.Message, StringComparison.Ordinal);

        var undefined = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2).Output("y", DataType.Float32);
        undefined.Node("Add", ["x", "ghost"], ["y"], "add");
        e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(undefined.ToBytes(), null, "ghost.onnx")));
        Assert.Equal(DiagnosticCodes.OnnxBadGraph, e.Code);
        Assert.Contains("'ghost' used by node 'add' (Add)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringInputsAreRefused()
    {
        var g = new OnnxGraphBuilder(13).Input("text", DataType.String, 2).Output("y", DataType.String);
        g.Node("Identity", ["text"], ["y"]);
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(g.ToBytes(), null, "text.onnx")));
        Assert.Equal(DiagnosticCodes.OnnxUnsupportedType, e.Code);
    }

    [Fact]
    public void InitializersListedAsInputsAreConstants()
    {
        // Models from IR version < 4 list every initializer among the graph inputs.
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 3).Input("w", DataType.Float32, 3).Output("y", DataType.Float32)
            .Initializer("w", TestTensors.Floats([3], 1, 2, 3));
        g.Node("Mul", ["x", "w"], ["y"]);
        var bytes = g.ToBytes();
        var import = OnnxConversion.Import(OnnxModel.Parse(bytes, null, "old-style.onnx"));
        Assert.Equal(["x"], import.InputNames.Select(p => p.Key));
        OnnxOracle.AssertMatches(bytes, new Dictionary<string, Tensor> { ["x"] = TestTensors.Floats([3], 1, -1, 0.5f) }, 1e-5, 1e-4, "old-style");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PyTorchShapeChainFoldsOrStaysDynamic(bool symbolicBatch)
    {
        // Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0), [0]), [-1])): flatten all but the batch dim.
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, symbolicBatch ? null : 2, 3, 4).Output("y", DataType.Float32)
            .Initializer("zero", Tensor.Scalar(0L)).Initializer("axes", TestTensors.LongVector(0)).Initializer("minus_one", TestTensors.LongVector(-1));
        g.Node("Shape", ["x"], ["s"]);
        g.Node("Gather", ["s", "zero"], ["n"]).Attr("axis", 0L);
        g.Node("Unsqueeze", ["n", "axes"], ["n1"]);
        g.Node("Concat", ["n1", "minus_one"], ["shape"]).Attr("axis", 0L);
        g.Node("Reshape", ["x", "shape"], ["y"]);
        var bytes = g.ToBytes();

        var import = OnnxConversion.Import(OnnxModel.Parse(bytes, null, "chain.onnx"));

        var ops = import.Program.Main.AllOperations().Select(o => o.Type).ToList();
        if (!symbolicBatch)
        {
            Assert.DoesNotContain("shape", ops);
            Assert.DoesNotContain("gather", ops);
            Assert.DoesNotContain("concat", ops);
            Assert.DoesNotContain("expand_dims", ops);
            Assert.Equal(["reshape"], ops.Where(o => o != "const"));
        }
        OnnxOracle.AssertMatches(bytes, new Dictionary<string, Tensor> { ["x"] = TestTensors.Uniform(1, [2, 3, 4]) }, 1e-5, 1e-4, "chain");
    }

    [Fact]
    public void UnnamedAndDuplicateNodesGetStableUniqueNames()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 3).Output("y", DataType.Float32);
        g.Node("Relu", ["x"], ["a"], "Relu_1");
        g.Node("Relu", ["a"], ["b"], "");
        g.Node("Neg", ["b"], ["c"], "dup");
        g.Node("Neg", ["c"], ["y"], "dup");
        var bytes = g.ToBytes();

        var model = OnnxModel.Parse(bytes, null, "names.onnx");

        Assert.Equal(["Relu_1", "Relu_2", "dup", "Neg_3"], model.NodeNames);
        Assert.Equal(model.NodeNames, OnnxModel.Parse(bytes, null, "again").NodeNames);
        var origins = OnnxConversion.Import(model).Program.Main.AllOperations().Where(o => !o.IsConst).Select(o => o.Origin.NodeName).ToList();
        Assert.Equal(["Relu_1", "Relu_2", "dup", "Neg_3"], origins);
        var printer = new MilPrinter();
        Assert.Equal(printer.Print(OnnxConversion.Import(model).Program), printer.Print(OnnxConversion.Import(OnnxModel.Parse(bytes, null, "again")).Program));
    }

    [Fact]
    public void Int64AndDoubleInputsBecomeInt32AndFp32WithANote()
    {
        var g = new OnnxGraphBuilder(13).Input("ids", DataType.Int64, 4).Input("scale", DataType.Float64, 1).Output("y", DataType.Int64).Output("z", DataType.Float64);
        g.Node("Neg", ["ids"], ["y"]);
        g.Node("Neg", ["scale"], ["z"]);
        var bytes = g.ToBytes();

        var import = OnnxConversion.Import(OnnxModel.Parse(bytes, null, "ints.onnx"));

        var inputs = import.Program.Main.Inputs;
        Assert.Equal(DataType.Int32, inputs[0].TensorType.DataType);
        Assert.Equal(DataType.Float32, inputs[1].TensorType.DataType);
        Assert.Equal(2, import.Diagnostics.Count(d => d.Code == DiagnosticCodes.OnnxUnsupportedType && d.Severity == Severity.Info));
        Assert.Contains(import.Diagnostics, d => d.Message.Contains("'ids' is int64", StringComparison.Ordinal) && d.Message.Contains("int32", StringComparison.Ordinal));
        OnnxOracle.AssertMatches(bytes, new Dictionary<string, Tensor> { ["ids"] = TestTensors.LongVector(1, -2, 3, 1 << 20), ["scale"] = Tensor.Vector(2.5) },
            1e-5, 1e-4, "ints");
    }

    [Fact]
    public void GraphOutputNamesAreKept()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 3)
            .Output("logits", DataType.Float32).Output("probs:0", DataType.Float32).Output("x", DataType.Float32).Output("logits_again", DataType.Float32);
        g.Node("Relu", ["x"], ["logits"]);
        g.Node("Sigmoid", ["logits"], ["probs:0"]);
        g.Node("Identity", ["logits"], ["logits_again"]);
        var bytes = g.ToBytes();

        var import = OnnxConversion.Import(OnnxModel.Parse(bytes, null, "outputs.onnx"));

        var outputs = import.Program.Main.Body.Outputs.Select(o => o.Name).ToList();
        Assert.Equal(["logits", "probs_0", "x_out", "logits_again"], outputs);
        Assert.Contains(import.Diagnostics, d => d.Code == DiagnosticCodes.OnnxRenamedOutput);
        Assert.Equal(["logits", "probs:0", "x", "logits_again"], import.OutputNames.Select(p => p.Key));
        Assert.Equal(outputs, import.OutputNames.Select(p => p.Value));
        Assert.Equal(["x"], import.Program.Main.Inputs.Select(i => i.Name));
        OnnxOracle.AssertMatches(bytes, new Dictionary<string, Tensor> { ["x"] = TestTensors.Floats([3], -1, 0, 2) }, 1e-5, 1e-4, "outputs");
    }
}
