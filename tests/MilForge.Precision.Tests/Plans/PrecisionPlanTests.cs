using System.Text.Json.Nodes;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Precision.Plans;

namespace MilForge.Precision.Tests.Plans;

/// <summary>
/// Precision plans: what is written reads back as the same entries, <see cref="PrecisionPlan.Keeps"/> matches an op
/// by its ONNX node or its MIL name and by nothing else, and every malformed file is a diagnostic (PRC5002, or
/// CLI6002 when the file cannot be read) that names the file.
/// </summary>
public class PrecisionPlanTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "milforge-tests", Guid.NewGuid().ToString("N"));

    public PrecisionPlanTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Three ops: relu from ONNX node '/Relu', sigmoid from '/Sigmoid', and tanh with no origin.</summary>
    private static List<Operation> Ops()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var builder = new MilBuilder(program.Main.Body);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, Shape.Of(2, 3)));
        builder.Origin = new Origin("/Relu", "Relu");
        var relu = builder.Single("relu", new() { { "x", x } }, "relu_0");
        builder.Origin = new Origin("/Sigmoid", "Sigmoid");
        var sigmoid = builder.Single("sigmoid", new() { { "x", relu } }, "sigmoid_0");
        builder.Origin = Origin.None;
        var tanh = builder.Single("tanh", new() { { "x", sigmoid } }, "tanh_0");
        return [relu.Producer!, sigmoid.Producer!, tanh.Producer!];
    }

    [Fact]
    public void WhatIsWrittenReadsBackTheSame()
    {
        var plan = new PrecisionPlan(
        [
            new PlanEntry("/Mul_1", "z", "Mul", "absMax 1.2e6 > 65504"),
            new PlanEntry(null, "var_14", "softmax", null),
            new PlanEntry("/Div \"quoted\" é", null, null, "line\nbreak"),
        ]);
        var path = Write("plan.json", plan.ToJson());
        var read = PrecisionPlan.Read(path);
        Assert.Equal(plan.KeepFp32, read.KeepFp32);

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(PrecisionPlan.Format, (string?)json["format"]);
        Assert.Equal(PrecisionPlan.Version, (int)json["version"]!);
        Assert.Equal(3, json["keepFp32"]!.AsArray().Count);
        Assert.Equal("z", (string?)json["keepFp32"]![0]!["milOp"]);
    }

    [Fact]
    public void AnEmptyPlanRoundTripsAndKeepsNothing()
    {
        var read = PrecisionPlan.Parse(new PrecisionPlan([]).ToJson(), "empty.json");
        Assert.Empty(read.KeepFp32);
        Assert.All(Ops(), op => Assert.False(read.Keeps(op)));
    }

    [Fact]
    public void AnEntryKeepsTheOpOfItsOnnxNode()
    {
        var ops = Ops();
        var plan = new PrecisionPlan([new PlanEntry("/Sigmoid", null, null, null)]);
        Assert.Equal([false, true, false], ops.Select(plan.Keeps));
    }

    [Fact]
    public void AnEntryKeepsTheOpOfItsMilName()
    {
        var ops = Ops();
        var plan = new PrecisionPlan([new PlanEntry(null, "tanh_0", null, null)]);
        Assert.Equal([false, false, true], ops.Select(plan.Keeps));
    }

    [Fact]
    public void TheMilNameWinsWhenItExistsInTheProgram()
    {
        var ops = Ops();
        // The ONNX node names the relu, the MIL name the tanh, which exists: only the tanh is kept (a plan replayed on
        // the program it was made for keeps exactly the ops it lists).
        var plan = new PrecisionPlan([new PlanEntry("/Relu", "tanh_0", "Relu", null)]);
        Assert.Equal([false, false, true], ops.Select(plan.Keeps));
    }

    [Fact]
    public void TheOnnxNodeDecidesWhenTheMilNameIsNotInTheProgram()
    {
        var ops = Ops();
        // A plan made by another MilForge version may name MIL ops that do not exist here: the ONNX node still keeps its ops.
        var plan = new PrecisionPlan([new PlanEntry("/Relu", "renamed_elsewhere", "Relu", null)]);
        Assert.Equal([true, false, false], ops.Select(plan.Keeps));
    }

    [Theory]
    [InlineData("/relu", null)] // names are case-sensitive
    [InlineData("Relu", null)] // an op type is not a node name
    [InlineData(null, "relu")] // an op type is not a MIL name
    [InlineData(null, "/Relu")] // an ONNX node name is not a MIL name
    [InlineData("relu_0", null)] // a MIL name is not an ONNX node name
    [InlineData("/Relu_0", "relu_00")]
    public void NothingElseMatches(string? onnxNode, string? milOp)
    {
        var plan = new PrecisionPlan([new PlanEntry(onnxNode, milOp, "Relu", "why")]);
        Assert.All(Ops(), op => Assert.False(plan.Keeps(op), $"{op} matched {onnxNode}/{milOp}"));
    }

    [Fact]
    public void AnOpWithoutOriginIsNotMatchedByAnOnnxOnlyEntry()
    {
        // tanh_0 has no ONNX node; an entry with only an ONNX node must not match it through the missing name.
        var tanh = Ops()[2];
        Assert.Null(tanh.Origin.NodeName);
        Assert.False(new PrecisionPlan([new PlanEntry("/Tanh", null, null, null)]).Keeps(tanh));
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "not-json", "this is { not json", "not valid JSON" },
        { "truncated", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [", "not valid JSON" },
        { "array-root", "[1, 2]", "not a precision plan" },
        { "no-format", "{\"version\": 1, \"keepFp32\": []}", "not a precision plan" },
        { "wrong-format", "{\"format\": \"milforge-precision-report\", \"version\": 1, \"keepFp32\": []}", "not a precision plan" },
        { "format-not-string", "{\"format\": 1, \"version\": 1, \"keepFp32\": []}", "not a precision plan" },
        { "version-2", "{\"format\": \"milforge-precision-plan\", \"version\": 2, \"keepFp32\": []}", "version 2" },
        { "version-string", "{\"format\": \"milforge-precision-plan\", \"version\": \"1\", \"keepFp32\": []}", "version \"1\"" },
        { "no-version", "{\"format\": \"milforge-precision-plan\", \"keepFp32\": []}", "version (none)" },
        { "no-list", "{\"format\": \"milforge-precision-plan\", \"version\": 1}", "no \"keepFp32\" list" },
        { "list-is-object", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": {\"onnxNode\": \"/A\"}}", "no \"keepFp32\" list" },
        { "list-is-string", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": \"/A\"}", "no \"keepFp32\" list" },
        { "entry-not-object", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [\"/A\"]}", "not an object" },
        { "entry-without-names", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [{\"opType\": \"Mul\", \"reason\": \"x\"}]}", "neither" },
        { "entry-null-names", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [{\"onnxNode\": null, \"milOp\": null}]}", "neither" },
        { "name-not-string", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [{\"onnxNode\": 3}]}", "\"onnxNode\" must be a string" },
        { "reason-not-string", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [{\"milOp\": \"z\", \"reason\": [1]}]}", "\"reason\" must be a string" },
        { "duplicate-key", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"version\": 2, \"keepFp32\": []}", "not valid JSON" },
        { "duplicate-entry-key", "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"keepFp32\": [{\"milOp\": \"a\", \"milOp\": \"b\"}]}", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPlansArePrc5002NamingTheFile(string name, string text, string expected)
    {
        var path = Write(name + ".json", text);
        var e = Assert.Throws<DiagnosticException>(() => PrecisionPlan.Read(path));
        Assert.Equal(DiagnosticCodes.PrcBadPlan, e.Code);
        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AMissingFileIsCli6002NamingTheFile()
    {
        // A file that cannot be read is a file problem (as for missing packages and input folders), not a bad plan.
        var path = Path.Combine(_dir, "absent.json");
        var e = Assert.Throws<DiagnosticException>(() => PrecisionPlan.Read(path));
        Assert.Equal(DiagnosticCodes.CliBadFile, e.Code);
        Assert.Contains($"'{path}'", e.Message);
    }

    [Fact]
    public void AFolderInsteadOfAFileIsCli6002()
    {
        var e = Assert.Throws<DiagnosticException>(() => PrecisionPlan.Read(_dir));
        Assert.Equal(DiagnosticCodes.CliBadFile, e.Code);
        Assert.Contains($"'{_dir}'", e.Message);
    }

    [Fact]
    public void ExtraFieldsAreIgnored()
    {
        var plan = PrecisionPlan.Parse(
            "{\"format\": \"milforge-precision-plan\", \"version\": 1, \"comment\": \"hand-written\", " +
            "\"keepFp32\": [{\"milOp\": \"z\", \"evidence\": {\"absMax\": 1e6}}]}", "extra.json");
        Assert.Equal(new PlanEntry(null, "z", null, null), Assert.Single(plan.KeepFp32));
    }
}
