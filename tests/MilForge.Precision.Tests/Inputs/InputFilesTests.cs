using MilForge.Diagnostics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Inputs;

public class InputFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "milforge-tests", Guid.NewGuid().ToString("N"));

    public InputFilesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TensorSignature[] Signatures =
    [
        new("input.1", DataType.Float32, Shape.Of(2, 2)),
        new("mask", DataType.Int64, Shape.Of(2)),
    ];

    [Fact]
    public void PbFilesBindByPositionAndNpyFilesByName()
    {
        OnnxTensors.WriteFile(Path.Combine(_dir, "input_0.pb"), Tensor.Create(new[] { 1f, 2, 3, 4 }, 2, 2), "whatever");
        NpyFormat.Write(Path.Combine(_dir, "mask.npy"), Tensor.Vector(7L, 8L));
        var inputs = TestDataLoader.Load(_dir, Signatures);
        Assert.Equal([1f, 2, 3, 4], inputs["input.1"].Storage<float>());
        Assert.Equal([7L, 8L], inputs["mask"].Storage<long>());
    }

    [Fact]
    public void NpyMayUseTheSanitizedName()
    {
        NpyFormat.Write(Path.Combine(_dir, "input_1.npy"), Tensor.Create(new[] { 1f, 2, 3, 4 }, 2, 2));
        OnnxTensors.WriteFile(Path.Combine(_dir, "input_1.pb"), Tensor.Vector(1L, 2L), "mask");
        var inputs = TestDataLoader.Load(_dir, Signatures);
        Assert.Equal(DataType.Float32, inputs["input.1"].DataType);
    }

    [Fact]
    public void MissingAndExtraInputsAreDiagnostics()
    {
        OnnxTensors.WriteFile(Path.Combine(_dir, "input_0.pb"), Tensor.Create(new float[4], 2, 2), "x");
        var missing = Assert.Throws<DiagnosticException>(() => TestDataLoader.Load(_dir, Signatures));
        Assert.Equal(DiagnosticCodes.RunBadInput, missing.Code);
        Assert.Contains("mask", missing.Message);
        OnnxTensors.WriteFile(Path.Combine(_dir, "input_5.pb"), Tensor.Vector(1f), "x");
        Assert.Equal(DiagnosticCodes.RunBadInput, Assert.Throws<DiagnosticException>(() => TestDataLoader.Load(_dir, Signatures)).Code);
    }

    [Fact]
    public void CorruptFilesAreDiagnostics()
    {
        File.WriteAllBytes(Path.Combine(_dir, "input_0.pb"), [0xFF, 0xFF, 0xFF]);
        Assert.Equal(DiagnosticCodes.CliBadTensorFile, Assert.Throws<DiagnosticException>(() => TestDataLoader.Load(_dir, Signatures)).Code);
        File.Delete(Path.Combine(_dir, "input_0.pb"));
        File.WriteAllText(Path.Combine(_dir, "mask.npy"), "not numpy");
        Assert.Equal(DiagnosticCodes.CliBadTensorFile, Assert.Throws<DiagnosticException>(() => TestDataLoader.Load(_dir, Signatures)).Code);
    }

    [Fact]
    public void RandomInputsAreSeededAndFollowTheSignature()
    {
        var a = RandomInputs.Generate(Signatures, seed: 3);
        var b = RandomInputs.Generate(Signatures, seed: 3);
        Assert.Equal(a["input.1"].Storage<float>(), b["input.1"].Storage<float>());
        Assert.Equal(DataType.Int64, a["mask"].DataType);
        Assert.All(a["input.1"].Storage<float>(), v => Assert.InRange(v, -1f, 1f));
        Assert.NotEqual(a["input.1"].Storage<float>(), RandomInputs.Generate(Signatures, seed: 4)["input.1"].Storage<float>());
    }

    [Fact]
    public void OutputsAreWrittenAsPbAndNpyInOrder()
    {
        OutputWriter.Write(_dir, [new("y", Tensor.Vector(1f, 2f)), new("z:0", Tensor.Vector(3, 4))]);
        Assert.Equal("y", OnnxTensors.ReadFile(Path.Combine(_dir, "output_0.pb")).Name);
        Assert.Equal([3, 4], NpyFormat.Read(Path.Combine(_dir, "z_0.npy")).Storage<int>());
    }
}
