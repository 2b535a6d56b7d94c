using MilForge.Diagnostics;
using MilForge.Mil.Verification;

namespace MilForge.Mil.Tests;

public class VerifierTests
{
    private static MilHarness Small()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("relu", new() { { "x", h.F32(2, 3) } });
        h.Main.Body.AddOutput(h.Builder.Single("softmax", new() { { "x", y } }));
        return h;
    }

    private static Diagnostic Single(MilProgram program, string code)
    {
        var diagnostics = MilVerifier.Verify(program);
        Assert.True(diagnostics.Count == 1, string.Join("\n", diagnostics));
        Assert.Equal(code, diagnostics[0].Code);
        return diagnostics[0];
    }

    [Fact]
    public void WellFormedProgramHasNoDiagnostics() => Assert.Empty(MilVerifier.Verify(Small().Program));

    [Fact]
    public void ValueFromAnotherFunctionIsUndefined()
    {
        var other = new MilHarness();
        var foreign = other.F32(2, 3);
        var h = new MilHarness();
        h.Main.Body.AddOutput(h.Builder.Single("relu", new() { { "x", foreign } }));
        var d = Single(h.Program, DiagnosticCodes.MilMalformed);
        Assert.Contains("%in0 is not defined before use", d.Message);
    }

    [Fact]
    public void UndefinedBlockOutput()
    {
        var other = new MilHarness();
        var h = Small();
        h.Main.Body.AddOutput(other.F32(1));
        Assert.Contains("Block output %in0 is not defined", Single(h.Program, DiagnosticCodes.MilMalformed).Message);
    }

    [Fact]
    public void DuplicateNameIsReported()
    {
        var h = Small();
        h.Main.Body.Operations[0].Output.Name = "in0";
        Assert.Contains("'in0' is defined more than once", Single(h.Program, DiagnosticCodes.MilMalformed).Message);
    }

    [Fact]
    public void InvalidIdentifierIsReported()
    {
        var h = Small();
        var relu = h.Main.Body.Operations[0];
        relu.Name = "bad name";
        relu.Output.Name = "bad name";
        var diagnostics = MilVerifier.Verify(h.Program);
        Assert.Equal(2, diagnostics.Count(d => d.Code == DiagnosticCodes.MilMalformed && d.Message.Contains("bad name")));
    }

    [Fact]
    public void DeclaredTypeThatDisagreesWithInferenceIsMil2001()
    {
        var h = Small();
        h.Main.Body.Operations[0].Output.Type = TensorType.Of(DataType.Float32, 3, 2);
        var diagnostics = MilVerifier.Verify(h.Program);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MilTypeMismatch && d.Message.Contains("declared fp32[3, 2] but infers fp32[2, 3]"));
    }

    [Fact]
    public void OpVersionNewerThanTargetIsMil2003()
    {
        var h = new MilHarness(DeploymentTarget.iOS17);
        h.Main.Body.AddOutput(h.Builder.Single("cast", new() { { "x", h.F32(2) }, { "dtype", "int8" } }));
        Assert.Empty(MilVerifier.Verify(h.Program));
        h.Main.Target = DeploymentTarget.iOS16;
        Assert.Contains(MilVerifier.Verify(h.Program), d => d.Code == DiagnosticCodes.MilOpUnavailable);
    }

    [Fact]
    public void MissingRequiredInputIsReported()
    {
        var h = Small();
        var definition = h.Builder.Catalog.Resolve("softmax", h.Main.Target)!;
        var op = new Operation(definition, "bare", [], new Dictionary<string, Tensor>(), Origin.None);
        op.AddOutput(new Value("bare", TensorType.Of(DataType.Float32, 2), op, 0));
        h.Main.Body.Append(op);
        Assert.Contains(MilVerifier.Verify(h.Program), d => d.Code == DiagnosticCodes.MilMalformed && d.Message.Contains("required input 'x' is missing"));
    }
}
