using MilForge.Mil.Building;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Verification;

namespace MilForge.Mil.Tests.Passes;

/// <summary>
/// Symbolic dims survive the FP16 pass: casts and rebuilt ops sit on symbolic-shaped values, the program still
/// verifies, and known dims stay known.
/// </summary>
public class Fp16SymbolicDimsTests
{
    /// <summary>x [N, 3, H, W] → conv (its spatial output dims are fresh symbols) → relu → reshape to [N, -1] → softmax.</summary>
    private static MilProgram SymbolicConvNet(DeploymentTarget target, bool convIsOutput = false)
    {
        var program = MilProgram.WithMain(target);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, new Shape([Dim.Of("N"), Dim.Of(3), Dim.Of("H"), Dim.Of("W")])));
        var b = new MilBuilder(program.Main.Body);
        var w = b.Const(Tensor.Create(Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (i % 7 - 3) * 0.1f).ToArray(), 4, 3, 3, 3), "w");
        var conv = b.Single("conv", new() { { "x", x }, { "weight", w }, { "pad_type", "same" } }, "conv");
        if (convIsOutput)
        {
            program.Main.Body.AddOutput(b.Single("conv", new() { { "x", b.Single("relu", new() { { "x", conv } }, "act") }, { "weight", W2(b) }, { "pad_type", "valid" } }, "y"));
            return program;
        }
        var relu = b.Single("relu", new() { { "x", conv } }, "act");
        var pooled = b.Single("reduce_mean", new() { { "x", relu }, { "axes", new[] { 2, 3 } }, { "keep_dims", false } }, "pooled");
        program.Main.Body.AddOutput(b.Single("softmax", new() { { "x", pooled }, { "axis", -1 } }, "y"));
        return program;
    }

    private static Value W2(MilBuilder b) => b.Const(Tensor.Create(Enumerable.Range(0, 4 * 4 * 3 * 3).Select(i => (i % 5 - 2) * 0.1f).ToArray(), 4, 4, 3, 3), "w2");

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void CastsOnSymbolicValuesVerify(bool fp16IO, bool convIsOutput)
    {
        var program = SymbolicConvNet(fp16IO ? DeploymentTarget.iOS16 : DeploymentTarget.iOS15, convIsOutput);
        Assert.Empty(MilVerifier.Verify(program));
        new Fp16ComputePass(new Fp16Options { Fp16IO = fp16IO }).Run(program);
        Assert.Empty(MilVerifier.Verify(program));
        var x = program.Main.Inputs[0].TensorType;
        Assert.Equal("N", x.Shape[0].Symbol);
        Assert.Equal("H", x.Shape[2].Symbol);
        var y = program.Main.Body.Outputs[0];
        Assert.Equal("y", y.Name);
        Assert.False(y.TensorType.Shape[0].IsKnown);
        Assert.Equal(4, y.TensorType.Shape[1].Size);
        if (!fp16IO)
        {
            Assert.Contains(program.Main.AllOperations(), o => o.Type == "cast" && !o.Output.TensorType.Shape.IsStatic);
        }
    }

    [Fact]
    public void TheVerifierStillRejectsAKnownDimThatDiffers()
    {
        var program = SymbolicConvNet(DeploymentTarget.iOS16);
        var relu = program.Main.AllOperations().Single(o => o.Type == "relu");
        var declared = relu.Output.TensorType;
        relu.Output.Type = new TensorType(declared.DataType, new Shape([declared.Shape[0], Dim.Of(5), declared.Shape[2], declared.Shape[3]]));
        Assert.Contains(MilVerifier.Verify(program), d => d.Code == Diagnostics.DiagnosticCodes.MilTypeMismatch);
    }
}
