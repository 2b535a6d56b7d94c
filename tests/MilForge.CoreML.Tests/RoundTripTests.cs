using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Text;

namespace MilForge.CoreML.Tests;

public class RoundTripTests
{
    internal static readonly MilPrinter Printer = new();

    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS16)]
    [InlineData(DeploymentTarget.iOS17)]
    [InlineData(DeploymentTarget.iOS18)]
    public void WrittenPackageReadsBackToTheSameProgram(DeploymentTarget target)
    {
        using var dir = new TempDir();
        var program = TestPrograms.Package(target);
        MlPackageWriter.Write(program, dir["m.mlpackage"]);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal(Printer.Print(program), Printer.Print(model.Program));
        Assert.Equal(target.SpecificationVersion(), model.SpecificationVersion);
        Assert.Equal(target, model.Program.Main.Target);
        Assert.Equal("test", model.Program.BuildInfo["milforge-version"]);
        Assert.Equal("x MultiArrayType FLOAT32 [1,16]", Describe(model.Inputs.Single()));
        Assert.Equal(["probs", "back"], model.Outputs.Select(o => o.Name));
        var weights = model.Program.Main.AllOperations().Single(o => o.Name == "fc_weight").Attributes["val"];
        Assert.Equal(TensorBytes.ToArray(TestPrograms.Weight), TensorBytes.ToArray(weights));
    }

    [Fact]
    public void MetadataAndSymbolicInputsSurvive()
    {
        using var dir = new TempDir();
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float16, new Shape([Dim.Of("batch"), Dim.Of(4)])));
        program.Main.Body.AddOutput(new Mil.Building.MilBuilder(program.Main.Body).Single("relu", new() { { "x", x } }, "y"));
        var options = new PackageOptions { Metadata = new Dictionary<string, string> { ["com.example.source"] = "unit test" } };
        MlPackageWriter.Write(program, dir["m.mlpackage"], options);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal("unit test", model.Metadata["com.example.source"]);
        Assert.Equal("x MultiArrayType FLOAT16 [1,4]", Describe(model.Inputs.Single()));
        var input = model.Program.Main.Inputs.Single();
        Assert.False(input.Shape[0].IsKnown);
        Assert.Equal(Dim.Of(4), input.Shape[1]);
        Assert.Empty(model.Outputs.Single().Shape);
    }

    internal static string Describe(FeatureInfo f) => $"{f.Name} {f.Kind} {f.DataType} [{string.Join(",", f.Shape)}]";

}
