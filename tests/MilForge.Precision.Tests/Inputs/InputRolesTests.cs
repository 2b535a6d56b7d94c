using MilForge.Mil;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Inputs;

/// <summary>Embedding indices and masks found by reading the FP32 MIL program of small models built in code.</summary>
public class InputRolesTests
{
    private static IReadOnlyDictionary<string, InputRole> Roles(OnnxGraphBuilder g, DeploymentTarget target = DeploymentTarget.iOS16) =>
        InputRoles.Analyze(OnnxConversion.Convert(OnnxModel.Parse(g.ToBytes(), null, "m"),
            new ConversionOptions { Precision = ComputePrecision.Fp32, Target = target }).Program);

    private static IReadOnlyDictionary<string, InputRole> Roles(byte[] model, ComputePrecision precision = ComputePrecision.Fp32) =>
        InputRoles.Analyze(OnnxConversion.Convert(OnnxModel.Parse(model, null, "m"), new ConversionOptions { Precision = precision }).Program);

    [Theory]
    [InlineData(ComputePrecision.Fp32)]
    [InlineData(ComputePrecision.Fp16)]
    public void TheBertLikeIdsIndexTheVocabularyAndTheMaskIsAMask(ComputePrecision precision)
    {
        var roles = Roles(BertLikeModel.Build(), precision);
        var ids = roles["input_ids"];
        Assert.Equal(InputRoleKind.Indices, ids.Kind);
        Assert.Equal(BertLikeModel.Vocabulary, ids.IndexLimit);
        Assert.Equal($"it feeds the embedding table {BertLikeModel.EmbeddingNode}", ids.Reason);
        Assert.Equal(InputRoleKind.Mask, roles["attention_mask"].Kind);
        Assert.Contains("name", roles["attention_mask"].Reason);
    }

    [Fact]
    public void AMaskIsFoundByItsUseWhenItsNameSaysNothing()
    {
        var role = Roles(BertLikeModel.Build(maskName: "segments"))["segments"];
        Assert.Equal(InputRoleKind.Mask, role.Kind);
        Assert.Contains("only used as a 0/1 mask", role.Reason);
        Assert.Contains("taken from 1", role.Reason);
    }

    [Theory]
    [InlineData(DeploymentTarget.iOS16)]
    [InlineData(DeploymentTarget.iOS17)]
    public void IdsThroughReshapeAndUnsqueezeIntoTwoTablesGetTheSmallerTable(DeploymentTarget target)
    {
        var g = new OnnxGraphBuilder(13).Input("tokens", DataType.Int64, 2, 3).Output("y", DataType.Float32, 6, 1, 4).Output("z", DataType.Float32, 6, 1, 4);
        g.Initializer("big", TestTensors.Uniform(1, [50, 4]));
        g.Initializer("small", TestTensors.Uniform(2, [20, 4]));
        g.Initializer("flat", Tensor.Create([6L], 1));
        g.Initializer("axes", Tensor.Create([1L], 1));
        g.Node("Reshape", ["tokens", "flat"], ["t6"], "/Reshape");
        g.Node("Unsqueeze", ["t6", "axes"], ["t61"], "/Unsqueeze");
        g.Node("Gather", ["big", "t61"], ["y"], "/big/Gather");
        g.Node("Gather", ["small", "t61"], ["z"], "/small/Gather");
        var role = Roles(g, target)["tokens"];
        Assert.Equal(InputRoleKind.Indices, role.Kind);
        Assert.Equal(20, role.IndexLimit);
        Assert.Contains("/small/Gather", role.Reason);
        Assert.Contains("smallest of 2 tables", role.Reason);
    }

    [Fact]
    public void TheGatheredAxisGivesTheTableSize()
    {
        var g = new OnnxGraphBuilder(13).Input("pos", DataType.Int32, 3).Output("y", DataType.Float32, 4, 3);
        g.Initializer("table", TestTensors.Uniform(1, [4, 7]));
        g.Node("Gather", ["table", "pos"], ["y"], "/Gather").Attr("axis", 1L);
        Assert.Equal(7, Roles(g)["pos"].IndexLimit);
    }

    [Fact]
    public void OrdinaryInputsHaveNoRole()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 4).Input("scale", DataType.Float32, 2, 4).Input("k", DataType.Int64, 2, 4)
            .Input("data", DataType.Float32, 5, 4).Output("y", DataType.Float32, 2, 4).Output("g", DataType.Float32, 2, 4, 4);
        g.Node("Mul", ["x", "scale"], ["xs"], "/Mul");
        g.Node("Cast", ["k"], ["kf"], "/Cast").Attr("to", 1L);
        g.Node("Add", ["xs", "kf"], ["y"], "/Add");
        g.Node("Gather", ["data", "k"], ["g"], "/Gather");
        var roles = Roles(g);
        Assert.False(roles.ContainsKey("x"));
        Assert.False(roles.ContainsKey("scale"));
        // k indexes a run-time input, not a constant table, and is also added as data: neither indices nor a mask.
        Assert.False(roles.ContainsKey("k"));
    }

    [Fact]
    public void AnIntegerInputOnlyComparedOrMultipliedIsAMask()
    {
        var g = new OnnxGraphBuilder(13).Input("keep", DataType.Int64, 2, 4).Input("x", DataType.Float32, 2, 4).Output("y", DataType.Float32, 2, 4);
        g.Initializer("zero", Tensor.Create([0L], []));
        g.Node("Equal", ["keep", "zero"], ["dropped"], "/Equal");
        g.Node("Where", ["dropped", "zero_f", "x"], ["y"], "/Where");
        g.Initializer("zero_f", Tensor.Create([0f], []));
        var role = Roles(g)["keep"];
        Assert.Equal(InputRoleKind.Mask, role.Kind);
        Assert.Contains("compared", role.Reason);
    }

    [Theory]
    [InlineData("attention_mask", true)]
    [InlineData("mask", true)]
    [InlineData("padding_mask", true)]
    [InlineData("key_padding_mask", true)]
    [InlineData("attentionMask", true)]
    [InlineData("input_mask:0", true)]
    [InlineData("mask_2d", true)]
    [InlineData("masked_lm_ids", false)]
    [InlineData("input_ids", false)]
    [InlineData("image", false)]
    public void MaskNames(string name, bool isMask) => Assert.Equal(isMask, InputRoles.IsMaskName(name));
}
