using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// RoiAlign (10, 16): modes avg and max, half_pixel and output_half_pixel (opset 10's behaviour), sampling ratios 1–3
/// and adaptive (0, constant rois), output sizes, spatial_scale, rois partly or wholly outside the image, degenerate
/// rois, several images, run-time rois, in FP32 and FP16; adaptive sampling of run-time rois or of rois with different
/// grids, and symbolic image sizes are refused.
/// </summary>
public class RoiAlignTests
{
    private static readonly float[] Boxes =
    [
        0, 0, 9, 9,
        0, 5, 4, 9,
        5, 5, 9, 9,
        -3, -2, 4, 3,
        6, 7, 14, 12,
        3, 4, 2, 4,
    ];

    private static NodeCase Case(string name, int opset, int[] image, float[] boxes, long[] batch, Func<NodeCase, NodeCase> attrs, int seed) =>
        attrs(new NodeCase(name, "RoiAlign", opset).Input("X", TestTensors.Uniform(seed, image, -3, 3))
            .Input("rois", TestTensors.Floats([boxes.Length / 4, 4], boxes)).Input("batch_indices", TestTensors.LongVector(batch))).Output("Y");

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        long[] sixRois = [0, 0, 0, 0, 0, 0];
        foreach (var mode in new[] { "avg", "max" })
        {
            foreach (var transform in new[] { "half_pixel", "output_half_pixel" })
            {
                data.Add(Case($"{mode} {transform} 5x5 ratio 2", 16, [1, 2, 10, 10], Boxes, sixRois, c => c.Attr("mode", mode)
                    .Attr("coordinate_transformation_mode", transform).Attr("output_height", 5L).Attr("output_width", 5L).Attr("sampling_ratio", 2L), seed++));
                data.Add(Case($"{mode} {transform} 3x2 ratio 3 scale 0.5", 16, [2, 3, 6, 5], Boxes, [1, 0, 1, 0, 1, 1], c => c.Attr("mode", mode)
                    .Attr("coordinate_transformation_mode", transform).Attr("output_height", 3L).Attr("output_width", 2L).Attr("sampling_ratio", 3L)
                    .Attr("spatial_scale", 0.5f), seed++));
            }
            data.Add(Case($"{mode} opset 10 ratio 1 4x3", 10, [1, 1, 8, 9], Boxes, sixRois, c => c.Attr("mode", mode)
                .Attr("output_height", 4L).Attr("output_width", 3L).Attr("sampling_ratio", 1L), seed++));
            data.Add(new NodeCase($"{mode} defaults opset 16, adaptive, constant rois", "RoiAlign", 16).Input("X", TestTensors.Uniform(seed++, [1, 2, 7, 7], -3, 3))
                .Constant("rois", TestTensors.Floats([2, 4], 0, 0, 3, 2, 2.5f, 1, 5.5f, 3)).Input("batch_indices", TestTensors.LongVector(0, 0))
                .Attr("mode", mode).Output("Y"));
        }
        data.Add(new NodeCase("adaptive 2x2 grid, constant rois and indices", "RoiAlign", 16).Input("X", TestTensors.Uniform(seed++, [2, 1, 9, 9], -3, 3))
            .Constant("rois", TestTensors.Floats([2, 4], 0, 0, 6, 5, 1, 2, 7, 7)).Constant("batch_indices", TestTensors.LongVector(1, 0))
            .Attr("output_height", 3L).Attr("output_width", 4L).Attr("coordinate_transformation_mode", "output_half_pixel").Output("Y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void AdaptiveSamplingOfRunTimeRoisIsRejected() =>
        Rejection.Assert(Case("adaptive run-time", 16, [1, 1, 6, 6], [0, 0, 3, 3], [0], c => c, 1), DiagnosticCodes.OnnxNotConstant, "sampling_ratio 0");

    [Fact]
    public void AdaptiveSamplingWithDifferentGridsIsRejected() =>
        Rejection.Assert(new NodeCase("adaptive mixed", "RoiAlign", 16).Input("X", TestTensors.Uniform(1, [1, 1, 9, 9]))
            .Constant("rois", TestTensors.Floats([2, 4], 0, 0, 2, 2, 0, 0, 8, 8)).Input("batch_indices", TestTensors.LongVector(0, 0))
            .Attr("output_height", 2L).Attr("output_width", 2L).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "sample grids");

    [Fact]
    public void SymbolicImageSizeIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic", "RoiAlign", 16).SymbolicInput("X", TestTensors.Uniform(1, [1, 1, 6, 6]), 2)
            .Input("rois", TestTensors.Floats([1, 4], 0, 0, 3, 3)).Input("batch_indices", TestTensors.LongVector(0))
            .Attr("sampling_ratio", 2L).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "static C, H and W");
}
