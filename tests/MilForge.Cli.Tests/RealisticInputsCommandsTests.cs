using System.Text.Json.Nodes;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;

namespace MilForge.Cli.Tests;

/// <summary>
/// Realistic inputs on the command line: a BERT-like model gets ids within its vocabulary and ones for its mask on
/// every verb; <c>--input-dist</c>; a folder of sample folders and <c>--samples N</c> as calibration sets; what each
/// input got is printed and in the JSON reports.
/// </summary>
public class RealisticInputsCommandsTests
{
    private const string IdsLine = "input_ids int64(1, 8): " + IdsValues;

    /// <summary>The precision tools feed the FP32 MIL program, whose ids are int32.</summary>
    private const string MilIdsLine = "input_ids int32(1, 8): " + IdsValues;

    private const string IdsValues = "indices in [0, 30522) — it feeds the embedding table /embeddings/word_embeddings/Gather";

    private static string Bert(TempFolder temp)
    {
        var path = temp["bert.onnx"];
        File.WriteAllBytes(path, BertLikeModel.Build());
        return path;
    }

    /// <summary>Writes <paramref name="count"/> sample folders test_data_set_K (ids K·1000 + j, mask ones but the last position).</summary>
    private static string SampleFolders(TempFolder temp, int count)
    {
        var root = Directory.CreateDirectory(temp["calibration"]).FullName;
        for (var k = 0; k < count; k++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, $"test_data_set_{k}")).FullName;
            OnnxTensors.WriteFile(Path.Combine(folder, "input_0.pb"), Tensor.Create(Enumerable.Range(0, 8).Select(j => (long)((k * 1000) + j)).ToArray(), 1, 8), "input_ids");
            OnnxTensors.WriteFile(Path.Combine(folder, "input_1.pb"), Tensor.Create([1L, 1, 1, 1, 1, 1, 1, 0], 1, 8), "attention_mask");
        }
        return root;
    }

    [Theory]
    [InlineData("onnxruntime")]
    [InlineData("interpreter")]
    public void RunFeedsIdsWithinTheVocabularyAndOnesForTheMask(string engine)
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("run", Bert(temp), "-o", temp["out"], "--engine", engine, "--precision", "fp32");
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Contains(IdsLine, r.Out);
        Assert.Contains("attention_mask int64(1, 8): ones — its name says it is a mask", r.Out);
        var maxId = OnnxTensors.ReadFile(Path.Combine(temp["out"], "output_1.pb")).Tensor.AsDoubles().Single();
        Assert.InRange(maxId, 4, BertLikeModel.Vocabulary - 1);
    }

    [Fact]
    public void DebugPrecisionAndAutoConversionRunOnTheBertLikeModel()
    {
        using var temp = new TempFolder();
        var model = Bert(temp);
        var debug = CliRunner.Run("debug-precision", model, "--json", temp["d.json"]);
        Assert.True(debug.Exit == 0, debug.Out + debug.Err);
        Assert.Contains(MilIdsLine, debug.Out);
        var inputs = JsonNode.Parse(File.ReadAllText(temp["d.json"]))!["inputs"]!;
        Assert.Equal("2 seeded random samples (seeds 0..1)", (string?)inputs["origin"]);
        var ids = inputs["inputs"]![0]!;
        Assert.Equal(("input_ids", "generated", 30522, 30521), ((string?)ids["name"], (string?)ids["source"], (int)ids["indexLimit"]!, (int)ids["high"]!));
        Assert.Equal("ones", (string?)inputs["inputs"]![1]!["distribution"]);

        var auto = CliRunner.Run("convert", model, "-o", temp["auto.mlpackage"], "--precision", "auto", "--samples", "3", "--seed", "7", "--json", temp["a.json"]);
        Assert.True(auto.Exit == 0, auto.Out + auto.Err);
        Assert.Contains("3 seeded random samples (seeds 7..9)", auto.Out);
        Assert.Contains(MilIdsLine, auto.Out);
        var autoInputs = JsonNode.Parse(File.ReadAllText(temp["a.json"]))!["auto"]!["inputs"]!;
        Assert.Equal(["seed 7", "seed 8", "seed 9"], autoInputs["samples"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void AFolderOfSampleFoldersIsUsedWholeByCompareDebugPrecisionAndAuto()
    {
        using var temp = new TempFolder();
        var model = Bert(temp);
        var calibration = SampleFolders(temp, 3);
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"], "--precision", "fp32").Exit);
        var compare = CliRunner.Run("compare", model, temp["m.mlpackage"], "--inputs", calibration, "--json", temp["c.json"]);
        Assert.True(compare.Exit == 0, compare.Out + compare.Err);
        Assert.Contains("3 samples from", compare.Out);
        Assert.Contains("sample test_data_set_2: pass", compare.Out);
        var json = JsonNode.Parse(File.ReadAllText(temp["c.json"]))!;
        Assert.Equal(["test_data_set_0", "test_data_set_1", "test_data_set_2"], json["samples"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal("loaded", (string?)json["inputs"]!["inputs"]![0]!["source"]);
        // Each output is checked over the three samples stacked: max_id (a scalar per sample) has shape [3].
        Assert.Equal([3], json["outputs"]!.AsArray().Single(o => (string?)o!["name"] == "max_id")!["shape"]!.AsArray().Select(d => (int)d!));

        var debug = CliRunner.Run("debug-precision", model, "--inputs", calibration);
        Assert.True(debug.Exit is 0 or 1, debug.Out + debug.Err);
        Assert.Contains("3 sample(s)", debug.Out);
        var auto = CliRunner.Run("convert", model, "-o", temp["auto.mlpackage"], "--precision", "auto", "--inputs", calibration, "--json", temp["a.json"]);
        Assert.True(auto.Exit == 0, auto.Out + auto.Err);
        Assert.Equal(3, (int)JsonNode.Parse(File.ReadAllText(temp["a.json"]))!["auto"]!["samples"]!);
    }

    [Fact]
    public void RunWritesEverySampleOfAFolderOfSampleFoldersToItsOwnFolder()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("run", Bert(temp), "-o", temp["out"], "--inputs", SampleFolders(temp, 2), "--engine", "onnxruntime");
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Contains("input_ids int64(1, 8): loaded, values in [0, 1007]", r.Out);
        Assert.Equal(1007, OnnxTensors.ReadFile(Path.Combine(temp["out"], "test_data_set_1", "output_1.pb")).Tensor.AsDoubles().Single());
        Assert.Equal(7, OnnxTensors.ReadFile(Path.Combine(temp["out"], "test_data_set_0", "output_1.pb")).Tensor.AsDoubles().Single());
    }

    [Fact]
    public void CompareDrawsNSeededSamples()
    {
        using var temp = new TempFolder();
        var model = Bert(temp);
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"], "--precision", "fp32").Exit);
        var compare = CliRunner.Run("compare", model, temp["m.mlpackage"], "--samples", "3", "--seed", "4", "--json", temp["c.json"]);
        Assert.True(compare.Exit == 0, compare.Out + compare.Err);
        Assert.Contains("3 seeded random samples (seeds 4..6)", compare.Out);
        Assert.Contains(IdsLine, compare.Out);
        var json = JsonNode.Parse(File.ReadAllText(temp["c.json"]))!;
        Assert.Equal(["seed 4", "seed 5", "seed 6"], json["samples"]!.AsArray().Select(s => (string?)s!["name"]));
    }

    [Fact]
    public void InputDistNormalCentresTheValuesInTheirRange()
    {
        using var temp = new TempFolder();
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 1, 3000).Output("y", DataType.Float32, 1, 3000);
        g.Node("Relu", ["x"], ["y"], "/Relu");
        File.WriteAllBytes(temp["m.onnx"], g.ToBytes());
        var r = CliRunner.Run("run", temp["m.onnx"], "-o", temp["out"], "--precision", "fp32", "--input-range", "x:0,12", "--input-dist", "x:normal");
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Contains("x fp32(1, 3000): normal (mean 6, std 2) clipped to [0, 12] — --input-range and --input-dist", r.Out);
        var y = OnnxTensors.ReadFile(Path.Combine(temp["out"], "output_0.pb")).Tensor.AsDoubles();
        Assert.All(y, v => Assert.InRange(v, 0, 12));
        Assert.InRange(y.Average(), 5.8, 6.2);
        Assert.InRange(y.Count(v => Math.Abs(v - 6) < 2) / (double)y.Length, 0.63, 0.73);

        var bad = CliRunner.Run("run", temp["m.onnx"], "-o", temp["out"], "--input-dist", "x:gaussian");
        Assert.Equal(3, bad.Exit);
        Assert.Contains("NAME:uniform or NAME:normal", bad.Err);
        var unknown = CliRunner.Run("run", temp["m.onnx"], "-o", temp["out"], "--input-dist", "z:normal");
        Assert.Equal(3, unknown.Exit);
    }
}
