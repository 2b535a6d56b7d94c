using Google.Protobuf;
using MilForge.CoreML.Package;
using MilForge.CoreML.Protos;
using MilForge.CoreML.Serialization;
using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.CoreML.Tests;

/// <summary>model.mlmodel problems and the binding forms a reader must accept (facts doc §3.4).</summary>
public class ReaderTests
{
    private const string ModelFile = "Data/com.apple.CoreML/model.mlmodel";

    /// <summary>Writes the tiny package, lets <paramref name="edit"/> change its Model, and reads it back.</summary>
    private static CoreMLModel ReadEdited(Action<Model> edit)
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        var file = Path.Combine(path, ModelFile);
        var model = Model.Parser.ParseFrom(File.ReadAllBytes(file));
        edit(model);
        File.WriteAllBytes(file, model.ToByteArray());
        return MlPackageReader.Read(path);
    }

    private static MilBlock MainBlock(Model model) => model.MlProgram.Functions["main"].BlockSpecializations["CoreML6"];

    private static void Fails(string code, Action<Model> edit, string fragment)
    {
        var e = Assert.Throws<DiagnosticException>(() => ReadEdited(edit));
        Assert.True(code == e.Code, $"expected {code}: {e.Message}");
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void LiteralValueBindingsAreAccepted()
    {
        var read = ReadEdited(m =>
        {
            var block = MainBlock(m);
            var linear = block.Operations.Single(o => o.Type == "linear");
            var biasConst = block.Operations.Single(o => o.Outputs[0].Name == linear.Inputs["bias"].Arguments[0].Name);
            linear.Inputs["bias"].Arguments[0] = new MilArgument.Types.Binding { Value = biasConst.Attributes["val"] };
            block.Operations.Remove(biasConst);
        });
        var linearOp = read.Program.Main.AllOperations().Single(o => o.Type == "linear");
        Assert.True(linearOp.Input("bias")!.IsConstant);
        Assert.Equal([0.5f, -0.25f, 1f], linearOp.Input("bias")!.ConstantValue!.AsFloats());
    }

    [Fact]
    public void DeclaredOutputTypeThatDisagreesIsPkg3004() => Fails(DiagnosticCodes.PkgBadModel, m =>
        MainBlock(m).Operations.Single(o => o.Type == "relu").Outputs[0].Type = MilTypeCodec.ToProto((MilType)Mil.TensorType.Of(DataType.Float32, 1, 5)),
        "output 'y' is declared fp32[1, 5]");

    [Fact]
    public void ImmediateWithTheWrongCountIsPkg3004() => Fails(DiagnosticCodes.PkgBadModel, m =>
        MainBlock(m).Operations.Single(o => o.Outputs[0].Name == "fc_bias").Attributes["val"].ImmediateValue.Tensor.Floats.Values.Add(9f),
        "holds 4 elements");

    [Fact]
    public void UndefinedNameIsPkg3004() => Fails(DiagnosticCodes.PkgBadModel, m =>
        MainBlock(m).Operations.Single(o => o.Type == "relu").Inputs["x"].Arguments[0].Name = "nowhere", "'nowhere', which is not defined");

    [Fact]
    public void UnknownOpIsMil2004() => Fails(DiagnosticCodes.MilUnknownOp, m => MainBlock(m).Operations.Single(o => o.Type == "relu").Type = "relu_v9", "relu_v9");

    [Fact]
    public void OpNewerThanTheOpsetIsMil2003()
    {
        var e = Assert.Throws<DiagnosticException>(() => ReadEdited(m =>
        {
            var relu = MainBlock(m).Operations.Single(o => o.Type == "relu");
            relu.Type = "cast";
            relu.Inputs["dtype"] = new MilArgument { Arguments = { new MilArgument.Types.Binding { Value = ProgramSerializer.Immediate(Tensor.Scalar("int8")) } } };
            relu.Outputs[0].Type = MilTypeCodec.ToProto((MilType)Mil.TensorType.Of(DataType.Int8, 1, 3));
            m.Description.Output.Clear();
        }));
        Assert.Equal(DiagnosticCodes.MilOpUnavailable, e.Code);
    }

    [Fact]
    public void MissingBlobFileIsPkg3003()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        File.Delete(Path.Combine(path, "Data/com.apple.CoreML/weights/weight.bin"));
        Assert.Equal(DiagnosticCodes.PkgBadBlob, Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(path)).Code);
    }

    [Fact]
    public void NotAModelOrNotAProgramIsPkg3004()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        File.WriteAllBytes(Path.Combine(path, ModelFile), [0xFF, 0xFF, 0xFF, 0x0F]);
        Assert.Equal(DiagnosticCodes.PkgBadModel, Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(path)).Code);
        File.WriteAllBytes(Path.Combine(path, ModelFile), new Model { SpecificationVersion = 4 }.ToByteArray());
        Assert.Contains("holds no ML Program", Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(path)).Message);
    }

    [Fact]
    public void BareMlmodelFileReadsWeightsBesideIt()
    {
        using var dir = new TempDir();
        MlPackageWriter.Write(TestPrograms.Tiny(), dir["m.mlpackage"]);
        var program = MlPackageReader.Read(dir["m.mlpackage/" + ModelFile]).Program;
        Assert.Equal(RoundTripTests.Printer.Print(TestPrograms.Tiny()), RoundTripTests.Printer.Print(program));
    }

    [Fact]
    public void Fp16IoBeforeIos16IsPkg3006()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS15);
        var x = program.Main.AddInput("x", Mil.TensorType.Of(DataType.Float16, 2));
        program.Main.Body.AddOutput(new Mil.Building.MilBuilder(program.Main.Body).Single("relu", new() { { "x", x } }));
        var e = Assert.Throws<DiagnosticException>(() => MlPackageWriter.BuildFiles(program));
        Assert.Equal(DiagnosticCodes.PkgUnsupported, e.Code);
        Assert.Contains("iOS16", e.Message);
    }
}
