using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Verification;

namespace MilForge.CoreML.Tests;

/// <summary>Packages with nested blocks: ours round-trip, and coremltools' cond/while_loop package reads and round-trips.</summary>
public class ControlFlowPackageTests
{
    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS17)]
    public void ProgramWithCondAndLoopReadsBackTheSame(DeploymentTarget target)
    {
        using var dir = new TempDir();
        var program = ControlFlowPrograms.Fixture(target);
        MlPackageWriter.Write(program, dir["m.mlpackage"]);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal(RoundTripTests.Printer.Print(program), RoundTripTests.Printer.Print(model.Program));
        Assert.Empty(MilVerifier.Verify(model.Program));
    }

    [Fact]
    public void LoopWithSymbolicVariableReadsBackTheSame()
    {
        using var dir = new TempDir();
        var program = ControlFlowPrograms.Growing(5);
        MlPackageWriter.Write(program, dir["m.mlpackage"]);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        var loop = model.Program.Main.Body.Operations.Single(o => o.Type == "while_loop");
        Assert.False(loop.Output.Shape[0].IsKnown);
        Assert.Empty(MilVerifier.Verify(model.Program));
    }

    /// <summary>coremltools' loop blocks give their inputs the same names; the reader keeps them apart.</summary>
    [Theory]
    [InlineData("fp32.mlpackage")]
    [InlineData("fp16.mlpackage")]
    public void CoremltoolsControlFlowPackageReadsAndRoundTripsShared(string package)
    {
        var path = SharedData.Path("fixtures", "coremltools-ops", "control_flow", package);
        var original = MlPackageReader.Read(path);
        Assert.Empty(MilVerifier.Verify(original.Program));
        var loop = original.Program.Main.Body.Operations.Single(o => o.Type == "while_loop");
        Assert.Equal(2, loop.Blocks.Count);
        Assert.NotEqual(loop.Blocks[0].Inputs[0].Name, loop.Blocks[1].Inputs[0].Name);
        Assert.Contains(loop.Blocks[1].Operations, o => o.Type == "slice_by_index" && !o.Input("begin")!.IsConstant);
        using var dir = new TempDir();
        MlPackageWriter.Write(original.Program, dir["m.mlpackage"]);
        var again = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal(RoundTripTests.Printer.Print(original.Program), RoundTripTests.Printer.Print(again.Program));
    }
}
