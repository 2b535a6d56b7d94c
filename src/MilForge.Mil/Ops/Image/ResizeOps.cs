using MilForge.Numerics;

namespace MilForge.Mil.Ops.Image;

/// <summary>Shape rules shared by the resizing ops over the last two dims of a rank ≥ 3 tensor.</summary>
internal static class SpatialResize
{
    /// <summary>The sampling modes of <c>resize_bilinear</c> (and <c>crop_resize</c>).</summary>
    public static readonly string[] SamplingModes = ["STRICT_ALIGN_CORNERS", "ALIGN_CORNERS", "DEFAULT", "OFFSET_CORNERS", "UNALIGN_CORNERS"];

    /// <summary>The output type with the last two dims replaced (by a scale factor, floored, or a target size).</summary>
    public static TensorType Resized(OpInputs inputs, Func<Dim, long?> height, Func<Dim, long?> width)
    {
        var x = inputs.Type("x");
        if (x.Rank < 3)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank ≥ 3");
        }
        var dims = x.Shape.Dims.ToArray();
        dims[^2] = height(dims[^2]) is { } h ? Checked(inputs, h, dims[^2]) : Dim.Of($"{inputs.OpName}_h");
        dims[^1] = width(dims[^1]) is { } w ? Checked(inputs, w, dims[^1]) : Dim.Of($"{inputs.OpName}_w");
        return new TensorType(x.DataType, new Shape(dims));
    }

    /// <summary>floor(size · scale), or null when the size is symbolic.</summary>
    public static long? Scaled(OpInputs inputs, Dim size, string scaleName)
    {
        var scale = inputs.Double(scaleName);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw inputs.ShapeError($"{scaleName} {scale} must be positive");
        }
        return size.IsKnown ? (long)Math.Floor(size.Size * (double)(float)scale) : null;
    }

    /// <summary>A resized size must be at least 1 (an empty input may stay empty).</summary>
    private static Dim Checked(OpInputs inputs, long size, Dim input) =>
        size >= 1 || (size == 0 && input == Dim.Of(0)) ? Dim.Of(size) : throw inputs.ShapeError($"the resized size {size} must be at least 1");
}

/// <summary>
/// <c>upsample_nearest_neighbor(x, scale_factor_height, scale_factor_width)</c>: last two dims scaled by the factors
/// (floored); output index i reads input floor(i / scale).
/// </summary>
internal sealed class UpsampleNearestNeighbor : OpDefinition
{
    public override string Name => "upsample_nearest_neighbor";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("scale_factor_height", ScaleDomain, i => UnitScaleLike(i, "scale_factor_width")),
        InputSpec.OptionalConst("scale_factor_width", ScaleDomain, i => UnitScaleLike(i, "scale_factor_height")),
    ];

    /// <summary>The scale factors' types (coremltools' U: fp32 or int32, shared).</summary>
    internal static TypeDomain ScaleDomain { get; } = new("U", [DataType.Float32, DataType.Int32]);

    /// <summary>A default scale of 1 in the type of the other scale (the two share a type), int32 when neither is given.</summary>
    internal static Tensor UnitScaleLike(OpInputs inputs, string other) =>
        inputs.TypeOrNull(other) is { DataType: DataType.Float32 } ? Tensor.Scalar(1f) : Tensor.Scalar(1);

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [SpatialResize.Resized(inputs, h => SpatialResize.Scaled(inputs, h, "scale_factor_height"), w => SpatialResize.Scaled(inputs, w, "scale_factor_width"))];
}

/// <summary>
/// <c>upsample_bilinear(x, scale_factor_height, scale_factor_width, align_corners)</c>: last two dims scaled by the
/// factors (floored), sampled with the scale recomputed from the sizes: align_corners maps the corner pixel centres
/// onto each other, otherwise half-pixel centres; sample points are clamped into the input.
/// </summary>
internal class UpsampleBilinear : OpDefinition
{
    public override string Name => "upsample_bilinear";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("scale_factor_height", UpsampleNearestNeighbor.ScaleDomain, i => UpsampleNearestNeighbor.UnitScaleLike(i, "scale_factor_width")),
        InputSpec.OptionalConst("scale_factor_width", UpsampleNearestNeighbor.ScaleDomain, i => UpsampleNearestNeighbor.UnitScaleLike(i, "scale_factor_height")),
        InputSpec.OptionalConst("align_corners", TypeDomain.Bool, _ => Tensor.Scalar(true)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [SpatialResize.Resized(inputs, h => SpatialResize.Scaled(inputs, h, "scale_factor_height"), w => SpatialResize.Scaled(inputs, w, "scale_factor_width"))];
}

/// <summary>
/// iOS16's <c>upsample_bilinear</c> adds <c>half_pixel_centers</c> (default: not align_corners); with both false the
/// sample point is i·in/out (the asymmetric mapping).
/// </summary>
internal sealed class UpsampleBilinearIos16 : UpsampleBilinear
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        .. new UpsampleBilinear().Inputs,
        InputSpec.OptionalConst("half_pixel_centers", TypeDomain.Bool),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        if (inputs.Has("half_pixel_centers") && inputs.Bool("half_pixel_centers") && inputs.Bool("align_corners"))
        {
            throw inputs.TypeError("align_corners and half_pixel_centers cannot both be true");
        }
        return base.InferTypes(inputs);
    }
}

/// <summary><c>resize_nearest_neighbor(x, target_size_height, target_size_width)</c>: output index i reads input floor(i·in/out).</summary>
internal sealed class ResizeNearestNeighbor : OpDefinition
{
    public override string Name => "resize_nearest_neighbor";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("target_size_height", TypeDomain.Int32),
        InputSpec.Const("target_size_width", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [SpatialResize.Resized(inputs, _ => inputs.Long("target_size_height"), _ => inputs.Long("target_size_width"))];
}

/// <summary>
/// <c>resize_bilinear(x, target_size_height, target_size_width, sampling_mode)</c>: the last two dims resized to the
/// target sizes with one of the grids of <see cref="SpatialResize.SamplingModes"/>.
/// </summary>
internal sealed class ResizeBilinear : OpDefinition
{
    public override string Name => "resize_bilinear";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("target_size_height", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("target_size_width", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("sampling_mode", TypeDomain.String, _ => Tensor.Scalar("DEFAULT")),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var mode = inputs.String("sampling_mode");
        if (!SpatialResize.SamplingModes.Contains(mode))
        {
            throw inputs.TypeError($"unknown sampling_mode '{mode}'");
        }
        return [SpatialResize.Resized(inputs, _ => inputs.Long("target_size_height"), _ => inputs.Long("target_size_width"))];
    }
}
