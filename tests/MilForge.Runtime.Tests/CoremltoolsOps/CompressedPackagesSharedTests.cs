using MilForge.CoreML.Package;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;

namespace MilForge.Runtime.Tests.CoremltoolsOps;

/// <summary>
/// coremltools' compressed-weight packages (shared/fixtures/coremltools-ops/compressed: constexpr_affine_dequantize,
/// constexpr_lut_to_dense in its iOS16 and iOS18 forms, constexpr_sparse_to_dense, constexpr_blockwise_shift_scale)
/// are read, run, and match test_data_set_&lt;package&gt;/output_0.pb: PyTorch in fp32 with the package's decompressed
/// weights. The packages compute in fp16, so the tolerance is fp16 arithmetic error: 1e-2 relative to the output's
/// range, as for the other fp16 packages. Each package also survives a write and read back with its constexpr ops
/// and compressed data intact.
/// </summary>
public class CompressedPackagesSharedTests
{
    private const double Tolerance = 1e-2;

    public static TheoryData<string, string> Packages() => new()
    {
        { "int8", "constexpr_affine_dequantize" },
        { "palettized4", "constexpr_lut_to_dense" },
        { "pruned50", "constexpr_sparse_to_dense" },
        { "int4_block_ios18", "constexpr_blockwise_shift_scale" },
        { "palettized4_ios18", "constexpr_lut_to_dense" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void RunsAndMatchesPyTorchShared(string package, string constexprOp)
    {
        var model = MlPackageReader.Read(PackagePath(package));
        Assert.Equal(2, model.Program.Main.AllOperations().Count(o => o.Type == constexprOp));
        AssertMatches(package, model.Program);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void RoundTripsWithCompressedWeightsShared(string package, string constexprOp)
    {
        var original = MlPackageReader.Read(PackagePath(package));
        var path = Path.Combine(Path.GetTempPath(), $"milforge-{Guid.NewGuid():N}.mlpackage");
        try
        {
            MlPackageWriter.Write(original.Program, path);
            var copy = MlPackageReader.Read(path);
            Assert.Equal(2, copy.Program.Main.AllOperations().Count(o => o.Type == constexprOp));
            var weights = new FileInfo(Path.Combine(path, "Data", MlPackageWriter.Author, "weights", "weight.bin")).Length;
            var originalWeights = new FileInfo(Path.Combine(PackagePath(package), "Data", MlPackageWriter.Author, "weights", "weight.bin")).Length;
            // The compressed data is written once and compressed: the weight file is as small as coremltools' (same blobs, same alignment).
            Assert.InRange(weights, 1, originalWeights);
            AssertMatches(package, copy.Program);
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static string PackagePath(string package) =>
        SharedData.Path("fixtures", "coremltools-ops", "compressed", $"{package}.mlpackage");

    private static void AssertMatches(string package, Mil.MilProgram program)
    {
        var data = SharedData.Path("fixtures", "coremltools-ops", "compressed", $"test_data_set_{package}");
        var (inputName, input) = OnnxTensors.ReadFile(Path.Combine(data, "input_0.pb"));
        var (outputName, expected) = OnnxTensors.ReadFile(Path.Combine(data, "output_0.pb"));
        var actual = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { [inputName] = input }, new RunOptions { CastInputs = true });
        var range = expected.AsDoubles().Max(Math.Abs);
        var c = TensorComparer.Compare(outputName, expected, actual[outputName].CastTo(expected.DataType), Tolerance * range, Tolerance);
        Assert.True(c.Passed, $"{package}: {c.Detail ?? $"{c.Mismatches}/{c.Elements} differ, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}"}");
    }
}
