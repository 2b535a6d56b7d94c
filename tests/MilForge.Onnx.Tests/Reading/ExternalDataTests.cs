using Google.Protobuf;
using MilForge.Diagnostics;
using MilForge.Onnx.Building;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Reading;

/// <summary>
/// Initializers stored outside the model: read from files in the model's folder; absolute paths, escapes and links
/// out of the folder are refused (ONNX1003); missing or short data is ONNX1004; malformed model bytes are ONNX1001.
/// </summary>
public sealed class ExternalDataTests : IDisposable
{
    private static readonly float[] Weights = [1.5f, -2f, 0.25f];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("milforge-external-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("weights.bin", 0)]
    [InlineData("data/w.bin", 24)]
    [InlineData("./data/../data/w.bin", 8)]
    public void ReadsDataFromAFileNextToTheModel(string location, int offset)
    {
        WriteData(location, offset, Weights);
        var path = WriteModel(location, offset, Weights.Length * 4);

        var import = OnnxConversion.Import(OnnxModel.Load(path));
        var outputs = new MilInterpreter().Run(import.Program, new Dictionary<string, Tensor> { ["x"] = TestTensors.Floats([3], 1, 1, 1) });

        Assert.Equal([2.5f, -1f, 1.25f], outputs[import.OutputNames[0].Value].AsFloats());
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.bin")]
    [InlineData("data/../../outside.bin")]
    [InlineData("C:\\weights.bin")]
    public void LocationsOutsideTheModelFolderAreRefused(string location)
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "outside.bin"), new byte[64]);
        var path = WriteModel(location, 0, 12, folder: "model");
        AssertFails(path, DiagnosticCodes.OnnxExternalDataPath);
    }

    [Fact]
    public void ALinkLeadingOutsideTheModelFolderIsRefused()
    {
        var outside = Path.Combine(_root.FullName, "outside.bin");
        File.WriteAllBytes(outside, new byte[12]);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "model"));
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "model", "w.bin"), outside);
        AssertFails(WriteModel("w.bin", 0, 12, folder: "model"), DiagnosticCodes.OnnxExternalDataPath);
    }

    [Fact]
    public void AnInMemoryModelCannotResolveExternalData()
    {
        WriteData("weights.bin", 0, Weights);
        var bytes = File.ReadAllBytes(WriteModel("weights.bin", 0, 12));
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(bytes, null, "memory")));
        Assert.Equal(DiagnosticCodes.OnnxExternalDataPath, e.Code);
    }

    [Theory]
    [InlineData("missing file", 0, 12, 12, false)]
    [InlineData("short file", 0, 8, -1, true)]
    [InlineData("offset beyond the end", 16, 12, 12, true)]
    [InlineData("offset plus length beyond the end", 4, 12, 12, true)]
    [InlineData("length does not match the tensor", 0, 12, 8, true)]
    public void MissingOrShortDataIsRefused(string why, int offset, int fileBytes, int length, bool writeFile)
    {
        if (writeFile)
        {
            File.WriteAllBytes(Path.Combine(_root.FullName, "w.bin"), new byte[fileBytes]);
        }
        var e = AssertFails(WriteModel("w.bin", offset, length), DiagnosticCodes.OnnxExternalDataMissing);
        Assert.True(e.Message.Contains("initializer 'w'", StringComparison.Ordinal), $"{why}: {e.Message}");
    }

    [Fact]
    public void NoLocationIsRefused() => AssertFails(WriteModel(null, 0, 12), DiagnosticCodes.OnnxExternalDataMissing);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(new byte[] { 0x0A, 0x80 })]
    [InlineData(new byte[] { 0x3A, 0x05, 0x0A })]
    public void MalformedModelBytesAreRefused(byte[] bytes)
    {
        var e = Assert.Throws<DiagnosticException>(() => OnnxModel.Parse(bytes, null, "garbage.onnx"));
        Assert.Equal(DiagnosticCodes.OnnxMalformed, e.Code);
        var path = Path.Combine(_root.FullName, "garbage.onnx");
        File.WriteAllBytes(path, bytes);
        Assert.Equal(DiagnosticCodes.OnnxMalformed, Assert.Throws<DiagnosticException>(() => OnnxModel.Load(path)).Code);
    }

    [Fact]
    public void AModelWithoutAGraphOrAMissingFileIsMalformed()
    {
        Assert.Equal(DiagnosticCodes.OnnxMalformed, Assert.Throws<DiagnosticException>(() => OnnxModel.Parse([], null, "empty.onnx")).Code);
        var missing = Path.Combine(_root.FullName, "nope.onnx");
        Assert.Equal(DiagnosticCodes.OnnxMalformed, Assert.Throws<DiagnosticException>(() => OnnxModel.Load(missing)).Code);
    }

    private static DiagnosticException AssertFails(string modelPath, string code)
    {
        var model = OnnxModel.Load(modelPath);
        var e = Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(model));
        Assert.Equal(code, e.Code);
        return e;
    }

    private void WriteData(string location, int offset, float[] values)
    {
        var path = Path.Combine(_root.FullName, location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[offset + (values.Length * 4)];
        Buffer.BlockCopy(values, 0, bytes, offset, values.Length * 4);
        File.WriteAllBytes(path, bytes);
    }

    // y = x + w with w [3] stored externally; a negative length leaves the length key out.
    private string WriteModel(string? location, int offset, int length, string folder = "")
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 3).Output("y", DataType.Float32).Initializer("w", Tensor.Vector(0f, 0f, 0f));
        g.Node("Add", ["x", "w"], ["y"]);
        var model = g.Build();
        var w = model.Graph.Initializer[0];
        w.ClearRawData();
        w.DataLocation = TensorData.Types.Location.External;
        if (location is not null)
        {
            w.ExternalData.Add(new KeyValue { Key = "location", Value = location });
        }
        w.ExternalData.Add(new KeyValue { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (length >= 0)
        {
            w.ExternalData.Add(new KeyValue { Key = "length", Value = length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        var dir = Directory.CreateDirectory(Path.Combine(_root.FullName, folder));
        var path = Path.Combine(dir.FullName, "model.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
