using MilForge.Diagnostics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Inputs;

/// <summary>Generated samples follow their recipes (distribution, range, detected roles); folders of sample folders load every sample.</summary>
public class InputSetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "milforge-tests", Guid.NewGuid().ToString("N"));

    public InputSetTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TensorSignature[] Signatures =
    [
        new("x", DataType.Float32, Shape.Of(4000)),
        new("ids", DataType.Int64, Shape.Of(4000)),
        new("attention_mask", DataType.Int64, Shape.Of(1, 8)),
    ];

    private static readonly Dictionary<string, InputRole> Roles = new()
    {
        ["ids"] = new InputRole(InputRoleKind.Indices, 30522, "it feeds the embedding table /Gather"),
        ["attention_mask"] = new InputRole(InputRoleKind.Mask, 0, "its name says it is a mask"),
    };

    [Fact]
    public void NormalWithoutARangeIsStandardNormal()
    {
        var set = InputSet.Generate(Signatures, InputOverrides.Parse(null, null, null, ["x:normal"]), null);
        var x = set.Samples[0].Values["x"].AsDoubles();
        Assert.InRange(x.Average(), -0.1, 0.1);
        var std = Math.Sqrt(x.Select(v => v * v).Average());
        Assert.InRange(std, 0.9, 1.1);
        Assert.Contains(x, v => Math.Abs(v) > 1.5);
        Assert.Equal("normal N(0, 1)", set.Choices[0].Values);
        Assert.Equal("--input-dist", set.Choices[0].Reason);
    }

    [Fact]
    public void NormalWithARangeIsCenteredAndClipped()
    {
        var overrides = InputOverrides.Parse(null, null, ["x:0,60", "ids:0,6"], ["x:normal", "ids:normal"]);
        var set = InputSet.Generate(Signatures, overrides, null);
        var x = set.Samples[0].Values["x"].AsDoubles();
        Assert.All(x, v => Assert.InRange(v, 0, 60));
        Assert.InRange(x.Average(), 29, 31);
        Assert.InRange(Math.Sqrt(x.Select(v => (v - 30) * (v - 30)).Average()), 9, 11);
        var ids = set.Samples[0].Values["ids"].AsDoubles();
        Assert.All(ids, v => Assert.True(v == Math.Round(v) && v is >= 0 and <= 6));
        Assert.True(ids.Count(v => v == 3) > ids.Count(v => v == 0) * 3, "the middle value is the most frequent");
        Assert.Equal("normal (mean 30, std 10) clipped to [0, 60]", set.Choices[0].Values);
    }

    [Fact]
    public void DetectedRolesGiveIndicesWithinTheTableAndOnesForTheMask()
    {
        var set = InputSet.Generate(Signatures, new InputOverrides(), Roles);
        var ids = set.Samples[0].Values["ids"].AsDoubles();
        Assert.All(ids, v => Assert.InRange(v, 0, 30521));
        Assert.True(ids.Max() > 20000, "ids should spread over the vocabulary");
        Assert.All(set.Samples[0].Values["attention_mask"].AsDoubles(), v => Assert.Equal(1, v));
        Assert.Equal("ids int64(4000): indices in [0, 30522) — it feeds the embedding table /Gather", set.Choices[1].Describe());
        Assert.Equal("ones", set.Choices[2].Values);
    }

    [Fact]
    public void GivenRangesAndValuesBeatTheDetectedRoles()
    {
        var overrides = InputOverrides.Parse(null, ["attention_mask=0"], ["ids:5,9"]);
        var signatures = Signatures.Select(s => s.Name == "attention_mask" ? s with { Shape = Shape.Of(1) } : s).ToList();
        var set = InputSet.Generate(signatures, overrides, Roles);
        Assert.All(set.Samples[0].Values["ids"].AsDoubles(), v => Assert.InRange(v, 5, 9));
        Assert.Equal(0, set.Samples[0].Values["attention_mask"].AsDoubles().Single());
        Assert.Equal(InputSource.Value, set.Choices[2].Source);
        Assert.Equal("--input-range", set.Choices[1].Reason);
    }

    [Fact]
    public void ADistributionAloneKeepsTheDetectedIndexRange()
    {
        var set = InputSet.Generate(Signatures, InputOverrides.Parse(null, null, null, ["ids:normal"]), Roles);
        Assert.All(set.Samples[0].Values["ids"].AsDoubles(), v => Assert.InRange(v, 0, 30521));
        Assert.Equal("normal indices in [0, 30522)", set.Choices[1].Values);
    }

    [Fact]
    public void SamplesUseConsecutiveSeeds()
    {
        var set = InputSet.Generate(Signatures, new InputOverrides(), null, count: 3, seed: 5);
        Assert.Equal(["seed 5", "seed 6", "seed 7"], set.Samples.Select(s => s.Name));
        Assert.Equal(RandomInputs.Generate(Signatures, 6)["x"].AsDoubles(), set.Samples[1].Values["x"].AsDoubles());
        Assert.NotEqual(set.Samples[0].Values["x"].AsDoubles(), set.Samples[1].Values["x"].AsDoubles());
    }

    [Fact]
    public void AFolderOfSampleFoldersLoadsEverySampleInNaturalOrder()
    {
        foreach (var k in new[] { 10, 2, 0 })
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, $"test_data_set_{k}")).FullName;
            OnnxTensors.WriteFile(Path.Combine(folder, "input_0.pb"), Tensor.Create(Enumerable.Repeat((float)k, 4000).ToArray(), 4000), "x");
            NpyFormat.Write(Path.Combine(folder, "ids.npy"), Tensor.Create(Enumerable.Repeat((long)k, 4000).ToArray(), 4000));
            NpyFormat.Write(Path.Combine(folder, "attention_mask.npy"), Tensor.Create(new long[8], 1, 8));
        }
        Directory.CreateDirectory(Path.Combine(_dir, "notes"));
        var set = InputSet.Load([_dir], Signatures, new InputOverrides());
        Assert.Equal(["test_data_set_0", "test_data_set_2", "test_data_set_10"], set.Samples.Select(s => s.Name));
        Assert.Equal(10, set.Samples[2].Values["x"].AsDoubles()[0]);
        Assert.All(set.Choices, c => Assert.Equal(InputSource.Loaded, c.Source));
        Assert.Equal("loaded, values in [0, 10]", set.Choices[1].Values);
        Assert.Single(InputSet.Load([Path.Combine(_dir, "test_data_set_2")], Signatures, new InputOverrides()).Samples);
    }

    [Fact]
    public void LoadedIdsBeyondTheTableAreCalledOut()
    {
        NpyFormat.Write(Path.Combine(_dir, "x.npy"), Tensor.Create(new float[4000], 4000));
        NpyFormat.Write(Path.Combine(_dir, "ids.npy"), Tensor.Create(Enumerable.Range(0, 4000).Select(i => i < 2 ? 40000L : i).ToArray(), 4000));
        NpyFormat.Write(Path.Combine(_dir, "attention_mask.npy"), Tensor.Create(new long[8], 1, 8));
        var set = InputSet.Load([_dir], Signatures, new InputOverrides(), Roles);
        Assert.Equal("loaded, values in [2, 40000]; WARNING: 2 value(s) beyond the 30522 rows of the table (it feeds the embedding table /Gather)", set.Choices[1].Values);
        Assert.Equal("loaded, values in [0, 0]", set.Choices[2].Values);
    }

    [Fact]
    public void AFolderWithoutSamplesNamesTheLayout()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        var error = Assert.Throws<DiagnosticException>(() => InputSet.Load([_dir], Signatures, new InputOverrides()));
        Assert.Equal(DiagnosticCodes.RunBadInput, error.Code);
        Assert.Contains("test_data_set_0", error.Message);
    }

    [Fact]
    public void ADistributionMustBeUniformOrNormal()
    {
        var error = Assert.Throws<DiagnosticException>(() => InputOverrides.ParseDistribution("x:gauss"));
        Assert.Equal(DiagnosticCodes.CliUsage, error.Code);
        Assert.Equal(("a:b", InputDistribution.Normal), InputOverrides.ParseDistribution("a:b:normal"));
        Assert.Throws<DiagnosticException>(() => InputOverrides.Parse(null, null, null, ["x:normal", "x:uniform"]));
    }
}
