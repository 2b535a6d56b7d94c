using MilForge.Diagnostics;
using MilForge.Mil.Text;

namespace MilForge.Mil.Tests;

public class PrinterTests
{
    /// <summary>x → linear → relu → split → (softmax, mul by an fp16 const after a cast).</summary>
    internal static MilProgram SmallProgram()
    {
        var h = new MilHarness(DeploymentTarget.iOS16);
        var x = h.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 16));
        var mask = h.Main.AddInput("mask", new TensorType(DataType.Float16, MilHarness.Dims(["batch", 4])));
        var b = h.Builder;
        b.Origin = new Origin("/fc/Gemm", "Gemm");
        var fc = b.Single("linear", new() { { "x", x }, { "weight", TestTensors.Uniform(1, [8, 16]) }, { "bias", TestTensors.Uniform(2, [8]) } }, "fc");
        b.Origin = new Origin("/act/Relu", "Relu");
        var act = b.Single("relu", new() { { "x", fc } }, "act");
        b.Origin = Origin.None;
        var halves = b.Build("split", new() { { "x", act }, { "num_splits", 2 }, { "axis", -1 } }, "halves");
        var probs = b.Single("softmax", new() { { "x", halves[0] } }, "probs");
        var half = b.Single("cast", new() { { "x", halves[1] }, { "dtype", "fp16" } }, "half");
        var scaled = b.Single("mul", new() { { "x", half }, { "y", Tensor.Scalar((Half)0.5f) } }, "scaled");
        var masked = b.Single("add", new() { { "x", scaled }, { "y", mask } }, "masked");
        h.Main.Body.AddOutput(probs);
        h.Main.Body.AddOutput(masked);
        return h.Program;
    }

    [Fact]
    public void PrintsSmallProgramGolden()
    {
        var program = SmallProgram();
        var text = "# default\n" + new MilPrinter().Print(program)
            + "# ShowConstOps, no origins\n" + new MilPrinter { ShowConstOps = true, ShowOrigins = false }.Print(program)
            + "# InlineLimit = 4\n" + new MilPrinter { InlineLimit = 4 }.Print(program);
        Golden.AssertMatches("tests/MilForge.Mil.Tests/Golden/printer_small.txt", text);
    }

    [Fact]
    public void FormatsEveryScalarKind()
    {
        var p = new MilPrinter();
        Assert.Equal("1.5", p.FormatTensor(Tensor.Scalar(1.5f)));
        Assert.Equal("fp16(0.33325195)", p.FormatTensor(Tensor.Scalar((Half)(1f / 3))));
        Assert.Equal("[1, -2]", p.FormatTensor(Tensor.Vector(1, -2)));
        Assert.Equal("int64[7]", p.FormatTensor(Tensor.Vector(7L)));
        Assert.Equal("[true, false]", p.FormatTensor(Tensor.Vector(true, false)));
        Assert.Equal("\"same\"", p.FormatTensor(Tensor.Scalar("same")));
        Assert.Equal("uint8[]", p.FormatTensor(Tensor.Create(Array.Empty<byte>(), 0)));
        Assert.StartsWith("<fp32[17] 17 values, hash ", p.FormatTensor(Tensor.Zeros(DataType.Float32, [17])));
    }

    [Fact]
    public void ContentHashChangesWithOneElement()
    {
        var a = TestTensors.Uniform(3, [64]);
        var values = a.AsFloats().ToArray();
        values[63] = MathF.BitIncrement(values[63]);
        Assert.NotEqual(MilPrinter.ContentHash(a), MilPrinter.ContentHash(Tensor.Create(values, 64)));
        Assert.Equal(MilPrinter.ContentHash(a), MilPrinter.ContentHash(TestTensors.Uniform(3, [64])));
    }
}
