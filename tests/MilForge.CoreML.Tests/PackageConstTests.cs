using System.Buffers.Binary;
using MilForge.CoreML.Package;
using MilForge.CoreML.Protos;
using MilForge.Mil;

namespace MilForge.CoreML.Tests;

/// <summary>Const encoding and the weight.bin layout of a written package (facts doc §3.3, §3.4, §5).</summary>
public class PackageConstTests
{
    private static readonly Dictionary<DataType, uint> BlobCodes = new()
    {
        [DataType.Float16] = 1,
        [DataType.Float32] = 2,
        [DataType.UInt8] = 3,
        [DataType.Int8] = 4,
        [DataType.Int32] = 14,
    };

    private static (MilProgram Program, Model Model, byte[] Weights) Write(DeploymentTarget target)
    {
        using var dir = new TempDir();
        var program = TestPrograms.Package(target);
        var package = dir["m.mlpackage"];
        MlPackageWriter.Write(program, package);
        var model = Model.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(package, "Data/com.apple.CoreML/model.mlmodel")));
        return (program, model, File.ReadAllBytes(Path.Combine(package, "Data/com.apple.CoreML/weights/weight.bin")));
    }

    // The facts' rule, restated: >= 10 elements and fp16/fp32/uint8/int8; from iOS18 also (u)int16/(u)int32.
    private static bool GoesToBlob(Tensor t, DeploymentTarget target) => t.Length >= 10 && (t.DataType is DataType.Float16 or DataType.Float32
        or DataType.UInt8 or DataType.Int8 || (target >= DeploymentTarget.iOS18 && t.DataType is DataType.Int32 or DataType.UInt32 or DataType.Int16 or DataType.UInt16));

    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS16)]
    [InlineData(DeploymentTarget.iOS17)]
    [InlineData(DeploymentTarget.iOS18)]
    public void EveryOpIsNamedAndConstsAreImmediateOrBlobs(DeploymentTarget target)
    {
        var (program, model, weights) = Write(target);
        var block = model.MlProgram.Functions["main"].BlockSpecializations[target.Opset()];
        var originals = program.Main.AllOperations().ToDictionary(o => o.Name);
        Assert.Equal(originals.Count, block.Operations.Count);
        var blobOffsets = new Dictionary<string, ulong>();
        foreach (var op in block.Operations)
        {
            var name = op.Attributes["name"];
            Assert.Equal(MilDataType.String, name.Type.TensorType.DataType);
            Assert.Equal(0, name.Type.TensorType.Rank);
            var opName = Assert.Single(name.ImmediateValue.Tensor.Strings.Values);
            Assert.Equal(originals[opName].Type, op.Type);
            if (op.Type != "const")
            {
                Assert.Equal(["name"], op.Attributes.Keys);
                Assert.All(op.Inputs.Values.SelectMany(a => a.Arguments), b => Assert.Equal(MilArgument.Types.Binding.BindingOneofCase.Name, b.BindingCase));
                continue;
            }
            Assert.Empty(op.Inputs);
            Assert.Equal(["name", "val"], op.Attributes.Keys.Order(StringComparer.Ordinal));
            var tensor = originals[opName].Attributes["val"];
            var output = Assert.Single(op.Outputs);
            Assert.Equal(opName, output.Name);
            var val = op.Attributes["val"];
            Assert.Equal(tensor.Rank, val.Type.TensorType.Rank);
            Assert.Equal(tensor.Shape.Select(d => (ulong)d), val.Type.TensorType.Dimensions.Select(d => d.Constant.Size));
            if (GoesToBlob(tensor, target))
            {
                Assert.Equal(MilValue.ValueOneofCase.BlobFileValue, val.ValueCase);
                Assert.Equal("@model_path/weights/weight.bin", val.BlobFileValue.FileName);
                var offset = val.BlobFileValue.Offset;
                Assert.Equal(0UL, offset % 64);
                Assert.Equal(0xDEADBEEFu, BinaryPrimitives.ReadUInt32LittleEndian(weights.AsSpan((int)offset)));
                Assert.Equal(BlobCodes[tensor.DataType], BinaryPrimitives.ReadUInt32LittleEndian(weights.AsSpan((int)offset + 4)));
                var size = BinaryPrimitives.ReadUInt64LittleEndian(weights.AsSpan((int)offset + 8));
                Assert.Equal((ulong)(tensor.Length * tensor.DataType.ByteSize()), size);
                Assert.Equal(offset + 64, BinaryPrimitives.ReadUInt64LittleEndian(weights.AsSpan((int)offset + 16)));
                Assert.Equal(TensorBytes.ToArray(tensor), weights.AsSpan((int)offset + 64, (int)size).ToArray());
                blobOffsets[opName] = offset;
            }
            else
            {
                Assert.Equal(MilValue.ValueOneofCase.ImmediateValue, val.ValueCase);
                var immediate = val.ImmediateValue.Tensor;
                var expectedCase = tensor.DataType switch
                {
                    DataType.Float32 => TensorValue.ValueOneofCase.Floats,
                    DataType.Int32 => TensorValue.ValueOneofCase.Ints,
                    DataType.Bool => TensorValue.ValueOneofCase.Bools,
                    DataType.String => TensorValue.ValueOneofCase.Strings,
                    _ => TensorValue.ValueOneofCase.Bytes,
                };
                Assert.Equal(expectedCase, immediate.ValueCase);
                if (tensor.DataType == DataType.Float16)
                {
                    Assert.Equal(TensorBytes.ToArray(tensor), immediate.Bytes.Values.ToByteArray());
                }
            }
        }
        Assert.Equal(blobOffsets["scale"], blobOffsets["shift"]);
        Assert.Equal(target >= DeploymentTarget.iOS18, blobOffsets.ContainsKey("picked_indices"));
        Assert.Contains("fc_bias", blobOffsets.Keys);
        Assert.True(block.Operations.Any(o => o.Type == "const" && o.Attributes["val"].ValueCase == MilValue.ValueOneofCase.ImmediateValue
            && o.Attributes["val"].Type.TensorType.DataType == MilDataType.Float16), "the fp16 scalar must be immediate");
        AssertLayout(weights, [.. blobOffsets.Values.Distinct()]);
    }

    /// <summary>Header, then records at 64-aligned offsets each followed by its data, zero padding, nothing after the last data.</summary>
    private static void AssertLayout(byte[] weights, ulong[] referenced)
    {
        Assert.Equal((uint)referenced.Length, BinaryPrimitives.ReadUInt32LittleEndian(weights));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(weights.AsSpan(4)));
        Assert.All(weights[8..64], b => Assert.Equal(0, b));
        var records = new List<ulong>();
        var offset = 64UL;
        while (offset < (ulong)weights.Length)
        {
            var record = weights.AsSpan((int)offset, 64);
            Assert.Equal(0xDEADBEEFu, BinaryPrimitives.ReadUInt32LittleEndian(record));
            var size = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
            Assert.Equal(offset + 64, BinaryPrimitives.ReadUInt64LittleEndian(record[16..]));
            Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(record[24..]));
            Assert.All(record[32..].ToArray(), b => Assert.Equal(0, b));
            records.Add(offset);
            var end = offset + 64 + size;
            var next = (end + 63) / 64 * 64;
            if (end == (ulong)weights.Length)
            {
                break;
            }
            Assert.All(weights[(int)end..(int)next], b => Assert.Equal(0, b));
            offset = next;
        }
        Assert.Equal(referenced.Order(), records);
    }

    [Fact]
    public void ProgramWithoutLargeConstsHasAnEmptyWeightsFolder()
    {
        using var dir = new TempDir();
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", Mil.TensorType.Of(DataType.Float32, 3));
        program.Main.Body.AddOutput(new Mil.Building.MilBuilder(program.Main.Body).Single("add", new() { { "x", x }, { "y", new[] { 1f, 2f, 3f } } }));
        MlPackageWriter.Write(program, dir["small.mlpackage"]);
        Assert.Equal(["Data/", "Data/com.apple.CoreML/", "Data/com.apple.CoreML/model.mlmodel", "Data/com.apple.CoreML/weights/", "Manifest.json"],
            TempDir.Entries(dir["small.mlpackage"]));
        Assert.Contains("\"name\": \"weights\"", File.ReadAllText(dir["small.mlpackage/Manifest.json"]));
        var back = MlPackageReader.Read(dir["small.mlpackage"]);
        Assert.Equal(new Mil.Text.MilPrinter().Print(program), new Mil.Text.MilPrinter().Print(back.Program));
    }
}
