using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Resize: nearest (every nearest_mode), linear and cubic (cubic_coeff_a, exclude_outside, antialias) under every
/// coordinate_transformation_mode, up- and downsampling, constant scales or sizes, axes and keep_aspect_ratio_policy
/// (opset 18), tf_crop_and_resize with roi and extrapolation_value, and opsets 10, 11, 13, 18, 19.
/// </summary>
public class ResizeTests
{
    private static readonly string[] CoordinateModes = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "half_pixel_symmetric"];

    private static readonly string[] NearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"];

    // (name, x shape, scales) — up, down, mixed and fractional.
    private static readonly (string Name, int[] X, float[] Scales)[] ScaleCases =
    [
        ("up x2", [1, 2, 3, 4], [1, 1, 2, 2]),
        ("down", [1, 1, 7, 9], [1, 1, 0.5f, 0.6f]),
        ("mixed fractional", [2, 1, 5, 6], [1, 1, 1.7f, 0.75f]),
    ];

    private static NodeCase WithScales(string name, int opset, int[] x, float[] scales, int seed) =>
        new NodeCase(name, "Resize", opset).Input("x", TestTensors.Uniform(seed, x)).Constant("roi", TestTensors.Floats([0]))
            .Constant("scales", TestTensors.Floats([scales.Length], scales));

    private static NodeCase WithSizes(string name, int opset, int[] x, long[] sizes, int seed) =>
        new NodeCase(name, "Resize", opset).Input("x", TestTensors.Uniform(seed, x)).Skip().Skip()
            .Constant("sizes", Tensor.FromLongs(sizes, [sizes.Length], DataType.Int64));

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, scales) in ScaleCases)
        {
            foreach (var coordinate in CoordinateModes)
            {
                foreach (var nearest in NearestModes)
                {
                    data.Add(WithScales($"nearest {nearest} {coordinate} {name}", 13, x, scales, seed++).Attr("mode", "nearest")
                        .Attr("coordinate_transformation_mode", coordinate).Attr("nearest_mode", nearest).Output("y"));
                }
                data.Add(WithScales($"linear {coordinate} {name}", 13, x, scales, seed++).Attr("mode", "linear").Attr("coordinate_transformation_mode", coordinate).Output("y"));
                data.Add(WithScales($"cubic {coordinate} {name}", 13, x, scales, seed++).Attr("mode", "cubic").Attr("coordinate_transformation_mode", coordinate).Output("y"));
            }
            data.Add(WithScales($"nearest tf_half_pixel_for_nn {name}", 11, x, scales, seed++).Attr("mode", "nearest").Attr("coordinate_transformation_mode", "tf_half_pixel_for_nn").Output("y"));
            data.Add(WithScales($"cubic exclude_outside A=-0.5 {name}", 13, x, scales, seed++).Attr("mode", "cubic").Attr("cubic_coeff_a", -0.5f).Attr("exclude_outside", 1L).Output("y"));
            foreach (var mode in new[] { "linear", "cubic" })
            {
                data.Add(WithScales($"{mode} antialias {name}", 18, x, scales, seed++).Attr("mode", mode).Attr("antialias", 1L).Output("y"));
            }
        }
        foreach (var mode in new[] { "nearest", "linear", "cubic" })
        {
            data.Add(WithSizes($"{mode} sizes up", 13, [1, 2, 4, 5], [1, 2, 9, 7], seed++).Attr("mode", mode).Output("y"));
            data.Add(WithSizes($"{mode} sizes down", 13, [1, 2, 8, 7], [1, 2, 3, 5], seed++).Attr("mode", mode).Output("y"));
            data.Add(WithSizes($"{mode} sizes align_corners", 13, [1, 1, 4, 5], [1, 1, 7, 3], seed++).Attr("mode", mode).Attr("coordinate_transformation_mode", "align_corners").Output("y"));
            data.Add(WithSizes($"{mode} sizes to one", 13, [1, 1, 4, 5], [1, 1, 1, 2], seed++).Attr("mode", mode).Attr("coordinate_transformation_mode", "pytorch_half_pixel").Output("y"));
            foreach (var policy in new[] { "not_larger", "not_smaller" })
            {
                data.Add(new NodeCase($"{mode} {policy}", "Resize", 18).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 6])).Skip().Skip()
                    .Constant("sizes", Tensor.FromLongs([7, 8], [2], DataType.Int64)).Attr("axes", [2L, 3L]).Attr("keep_aspect_ratio_policy", policy)
                    .Attr("mode", mode).Output("y"));
            }
            data.Add(new NodeCase($"{mode} tf_crop_and_resize", "Resize", 13).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 4]))
                .Constant("roi", TestTensors.Floats([8], 0, 0, 0.4f, 0.6f, 1, 1, 0.6f, 0.8f)).Skip().Constant("sizes", Tensor.FromLongs([1, 1, 3, 3], [4], DataType.Int64))
                .Attr("mode", mode).Attr("coordinate_transformation_mode", "tf_crop_and_resize").Output("y"));
            data.Add(new NodeCase($"{mode} tf_crop_and_resize extrapolation", "Resize", 13).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 4]))
                .Constant("roi", TestTensors.Floats([8], 0, 0, 0.4f, 0.6f, 1, 1, 1.2f, 1.7f)).Skip().Constant("sizes", Tensor.FromLongs([1, 1, 3, 3], [4], DataType.Int64))
                .Attr("mode", mode).Attr("coordinate_transformation_mode", "tf_crop_and_resize").Attr("extrapolation_value", 10f).Output("y"));
            data.Add(new NodeCase($"{mode} tf_crop_and_resize scales axes", "Resize", 18).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 4]))
                .Constant("roi", TestTensors.Floats([4], 0.6f, 0.4f, 0.8f, 0.6f)).Constant("scales", TestTensors.Floats([2], 3f, 2.5f)).Attr("axes", [3L, 2L])
                .Attr("mode", mode).Attr("coordinate_transformation_mode", "tf_crop_and_resize").Output("y"));
        }
        data.Add(WithScales("linear 1-D", 13, [2, 3, 7], [1, 1, 2.5f], seed++).Attr("mode", "linear").Output("y"));
        data.Add(WithScales("linear 3-D", 13, [1, 2, 3, 4, 3], [1, 1, 2, 1.5f, 2], seed++).Attr("mode", "linear").Output("y"));
        data.Add(WithScales("nearest channel axis", 13, [1, 3, 2, 2], [1, 2, 1, 1], seed++).Attr("mode", "nearest").Output("y"));
        data.Add(WithScales("identity scales", 13, [1, 3, 2, 2], [1, 1, 1, 1], seed++).Attr("mode", "linear").Output("y"));
        data.Add(new NodeCase("axes nearest", "Resize", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 3, 4])).Skip()
            .Constant("scales", TestTensors.Floats([2], 2, 3)).Attr("axes", [2L, 3L]).Attr("mode", "nearest").Output("y"));
        data.Add(new NodeCase("axes negative linear", "Resize", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 3, 4])).Skip()
            .Constant("scales", TestTensors.Floats([1], 2)).Attr("axes", [-1L]).Attr("mode", "linear").Output("y"));
        foreach (var opset in new[] { 11, 19 })
        {
            data.Add(WithScales($"opset {opset} linear", opset, [1, 2, 3, 4], [1, 1, 2, 2], seed++).Attr("mode", "linear").Output("y"));
        }
        foreach (var mode in new[] { "nearest", "linear" })
        {
            data.Add(new NodeCase($"opset 10 {mode} up", "Resize", 10).Input("x", TestTensors.Uniform(seed++, [1, 2, 3, 4]))
                .Constant("scales", TestTensors.Floats([4], 1, 1, 2, 3)).Attr("mode", mode).Output("y"));
            data.Add(new NodeCase($"opset 10 {mode} down", "Resize", 10).Input("x", TestTensors.Uniform(seed++, [1, 2, 6, 5]))
                .Constant("scales", TestTensors.Floats([4], 1, 1, 0.5f, 0.6f)).Attr("mode", mode).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => Assert.True(OnnxOracle.AssertMatchesFp16(c));

    /// <summary>Where the MIL ops sample the same points they are used; everything else takes the exact general form.</summary>
    [Theory]
    [InlineData("linear", "half_pixel", "round_prefer_floor", 2f, "upsample_bilinear")]
    [InlineData("linear", "align_corners", "round_prefer_floor", 2f, "upsample_bilinear")]
    [InlineData("linear", "asymmetric", "round_prefer_floor", 2f, "upsample_bilinear")]
    [InlineData("nearest", "asymmetric", "floor", 2f, "upsample_nearest_neighbor")]
    [InlineData("nearest", "half_pixel", "round_prefer_floor", 3f, "upsample_nearest_neighbor")]
    [InlineData("nearest", "asymmetric", "ceil", 2f, "gather")]
    [InlineData("linear", "half_pixel", "round_prefer_floor", 0.5f, "matmul")]
    [InlineData("cubic", "half_pixel", "round_prefer_floor", 2f, "matmul")]
    public void MatchingSamplingUsesTheMilUpsampleOps(string mode, string coordinate, string nearest, float scale, string expectedOp)
    {
        var c = WithScales("lowering", 13, [1, 2, 4, 4], [1, 1, scale, scale], 1).Attr("mode", mode)
            .Attr("coordinate_transformation_mode", coordinate).Attr("nearest_mode", nearest).Output("y");
        var program = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "lowering")).Program;
        var ops = program.Main.Body.Operations.Select(o => o.Type).Where(t => t != "const").ToList();
        Assert.Contains(expectedOp, ops);
        OnnxOracle.AssertMatches(c);
    }

    [Fact]
    public void RunTimeScalesAreRejected() =>
        Rejection.Assert(new NodeCase("run-time scales", "Resize", 13).Input("x", TestTensors.Uniform(1, [1, 1, 2, 2])).Skip()
            .Input("scales", TestTensors.Floats([4], 1, 1, 2, 2)).Attr("mode", "linear").Output("y"), DiagnosticCodes.OnnxNotConstant, "scales");

    [Fact]
    public void SymbolicInputShapeIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic", "Resize", 13).SymbolicInput("x", TestTensors.Uniform(1, [1, 1, 2, 2]), 2).Skip()
            .Constant("scales", TestTensors.Floats([4], 1, 1, 2, 2)).Output("y"), DiagnosticCodes.OnnxBadAttribute, "static shape");

    [Fact]
    public void UnknownModeIsRejected() =>
        Rejection.Assert(new NodeCase("bad mode", "Resize", 13).Input("x", TestTensors.Uniform(1, [1, 1, 2, 2])).Skip()
            .Constant("scales", TestTensors.Floats([4], 1, 1, 2, 2)).Attr("mode", "bilinear").Output("y"), DiagnosticCodes.OnnxBadAttribute, "mode");
}
