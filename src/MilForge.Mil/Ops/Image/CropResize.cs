using MilForge.Numerics;

namespace MilForge.Mil.Ops.Image;

/// <summary>
/// <c>crop_resize(x, roi, target_height=1, target_width=1, normalized_coordinates=false, spatial_scale=1,
/// box_coordinate_mode="CORNERS_HEIGHT_FIRST", sampling_mode="DEFAULT")</c>: bilinear crops of rank-4 x [B, C, H, W]
/// by roi [N, 1, 4 or 5, 1, 1] (5: a leading batch index) into [N, B or 1, C, target_height, target_width].
/// </summary>
internal class CropResize : OpDefinition
{
    /// <summary>The four box conventions.</summary>
    public static readonly string[] BoxModes = ["CORNERS_HEIGHT_FIRST", "CORNERS_WIDTH_FIRST", "CENTER_SIZE_HEIGHT_FIRST", "CENTER_SIZE_WIDTH_FIRST"];

    public override string Name => "crop_resize";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Required("roi", TypeDomain.FloatT),
        .. Options,
    ];

    /// <summary>The const options every version shares.</summary>
    protected static IReadOnlyList<InputSpec> Options { get; } =
    [
        InputSpec.OptionalConst("target_height", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("target_width", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("normalized_coordinates", TypeDomain.Bool, _ => Tensor.Scalar(false)),
        InputSpec.OptionalConst("spatial_scale", new TypeDomain(null, [DataType.Float32]), _ => Tensor.Scalar(1f)),
        InputSpec.OptionalConst("box_coordinate_mode", TypeDomain.String, _ => Tensor.Scalar("CORNERS_HEIGHT_FIRST")),
        InputSpec.OptionalConst("sampling_mode", TypeDomain.String, _ => Tensor.Scalar("DEFAULT")),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = CheckCommon(inputs);
        var roi = inputs.Type("roi");
        if (roi.Rank != 5 || (roi.Shape[2].IsKnown && roi.Shape[2].Size is not (4 or 5)))
        {
            throw inputs.ShapeError($"roi {roi.Shape} must be [N, 1, 4 or 5, 1, 1]");
        }
        var perImage = roi.Shape[2].IsKnown && roi.Shape[2].Size == 5 ? Dim.Of(1) : x.Shape[0];
        return [new TensorType(x.DataType, new Shape([roi.Shape[0], perImage, x.Shape[1], inputs.Int("target_height"), inputs.Int("target_width")]))];
    }

    /// <summary>Checks x's rank, the target size and the mode names; returns x's type.</summary>
    protected static TensorType CheckCommon(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank != 4 || inputs.Int("target_height") < 1 || inputs.Int("target_width") < 1)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank 4 and the target size must be positive");
        }
        if (!BoxModes.Contains(inputs.String("box_coordinate_mode")) || !SpatialResize.SamplingModes.Contains(inputs.String("sampling_mode")))
        {
            throw inputs.TypeError($"unknown box_coordinate_mode '{inputs.String("box_coordinate_mode")}' or sampling_mode '{inputs.String("sampling_mode")}'");
        }
        return x;
    }
}

/// <summary>iOS16's <c>crop_resize</c> adds <c>pad_value</c> (default 0) for samples outside x.</summary>
internal sealed class CropResizeIos16 : CropResize
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        .. new CropResize().Inputs,
        InputSpec.OptionalConst("pad_value", TypeDomain.FloatT, i => Tensor.FromFloats([0f], [], i.Type("x").DataType)),
    ];
}

/// <summary>
/// iOS17's <c>crop_resize(x, boxes, box_indices, …, pad_value)</c>: boxes [N, 4] (fp16, fp32 or uint16) applied to
/// images box_indices [N] (default 0..N−1), output [N, C, target_height, target_width].
/// </summary>
internal sealed class CropResizeIos17 : CropResize
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Required("boxes", new TypeDomain("BOX_T", [DataType.Float16, DataType.Float32, DataType.UInt16])),
        InputSpec.Optional("box_indices", new TypeDomain("BOX_INDEX_T", [DataType.UInt16, DataType.Int32])),
        .. Options,
        InputSpec.OptionalConst("pad_value", TypeDomain.FloatT, i => Tensor.FromFloats([0f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = CheckCommon(inputs);
        var boxes = inputs.Type("boxes");
        if (boxes.Rank != 2 || (boxes.Shape[1].IsKnown && boxes.Shape[1].Size != 4))
        {
            throw inputs.ShapeError($"boxes {boxes.Shape} must be [N, 4]");
        }
        if (inputs.TypeOrNull("box_indices") is { } indices && (indices.Rank != 1 || (indices.Shape[0].IsKnown && boxes.Shape[0].IsKnown && indices.Shape[0] != boxes.Shape[0])))
        {
            throw inputs.ShapeError($"box_indices {indices.Shape} must be [{boxes.Shape[0]}]");
        }
        return [new TensorType(x.DataType, new Shape([boxes.Shape[0], x.Shape[1], inputs.Int("target_height"), inputs.Int("target_width")]))];
    }
}
