using MilForge.Mil.Building;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Text;

namespace MilForge.Mil.Tests.Passes;

public class CastOptimizationPassTests
{
    private static (MilProgram Program, MilBuilder Builder, Value X) Program(DataType type)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(type, 4));
        return (program, new MilBuilder(program.Main.Body), x);
    }

    [Fact]
    public void WideningThenNarrowingBackIsRemoved()
    {
        var (program, b, x) = Program(DataType.Float16);
        var wide = b.Single("cast", new() { { "x", x }, { "dtype", "fp32" } }, "wide");
        var back = b.Single("cast", new() { { "x", wide }, { "dtype", "fp16" } }, "back");
        program.Main.Body.AddOutput(b.Single("relu", new() { { "x", back } }, "y"));
        Assert.True(new CastOptimizationPass().Run(program));
        Assert.Contains("%y: fp16[4] = relu(x=%x)", new MilPrinter().Print(program));
        Assert.DoesNotContain("cast", new MilPrinter().Print(program));
    }

    [Fact]
    public void NarrowingThenWideningChangesValuesAndStays()
    {
        var (program, b, x) = Program(DataType.Float32);
        var narrow = b.Single("cast", new() { { "x", x }, { "dtype", "fp16" } }, "narrow");
        var back = b.Single("cast", new() { { "x", narrow }, { "dtype", "fp32" } }, "back");
        program.Main.Body.AddOutput(b.Single("relu", new() { { "x", back } }, "y"));
        Assert.False(new CastOptimizationPass().Run(program));
        Assert.Equal(2, program.Main.AllOperations().Count(o => o.Type == "cast"));
    }

    [Fact]
    public void ACastAfterALosslessWideningReadsTheOriginal()
    {
        var (program, b, x) = Program(DataType.Float16);
        var wide = b.Single("cast", new() { { "x", x }, { "dtype", "fp32" } }, "wide");
        program.Main.Body.AddOutput(b.Single("cast", new() { { "x", wide }, { "dtype", "int32" } }, "y"));
        Assert.True(new CastOptimizationPass().Run(program));
        var cast = Assert.Single(program.Main.AllOperations(), o => o.Type == "cast");
        Assert.Equal("x", cast.Input("x")!.Name);
    }
}
