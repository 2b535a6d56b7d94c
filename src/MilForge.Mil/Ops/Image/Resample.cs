using MilForge.Numerics;

namespace MilForge.Mil.Ops.Image;

/// <summary>
/// <c>resample(x, coordinates, sampling_mode, padding_mode, padding_value, coordinates_mode, align_corners)</c>:
/// x [B, C, H, W] sampled at coordinates [B, H2, W2, 2] given as (w, h) pairs; the output is [B, C, H2, W2].
/// </summary>
internal class Resample : OpDefinition
{
    /// <summary>The sampling modes.</summary>
    public static readonly string[] SamplingModes = ["bilinear", "nearest"];

    /// <summary>The padding modes.</summary>
    public static readonly string[] PaddingModes = ["constant", "border", "reflection", "symmetric"];

    /// <summary>The coordinate modes.</summary>
    public static readonly string[] CoordinatesModes = ["unnormalized", "normalized_minus_one_to_one", "normalized_zero_to_one"];

    public override string Name => "resample";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Required("coordinates", new TypeDomain("U", [DataType.Int32, DataType.Float32])),
        InputSpec.Const("sampling_mode", TypeDomain.String),
        InputSpec.Const("padding_mode", TypeDomain.String),
        InputSpec.Const("padding_value", TypeDomain.FloatT),
        InputSpec.Const("coordinates_mode", TypeDomain.String),
        InputSpec.Const("align_corners", TypeDomain.Bool),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var c = inputs.Type("coordinates");
        if (x.Rank != 4 || c.Rank != 4)
        {
            throw inputs.ShapeError($"x {x.Shape} and coordinates {c.Shape} must both have rank 4");
        }
        if (x.Shape[0].IsKnown && c.Shape[0].IsKnown && x.Shape[0] != c.Shape[0])
        {
            throw inputs.ShapeError($"x {x.Shape} and coordinates {c.Shape} differ in batch");
        }
        if (c.Shape[3].IsKnown && c.Shape[3].Size != 2)
        {
            throw inputs.ShapeError($"coordinates {c.Shape} must end in 2");
        }
        Check(inputs, "sampling_mode", SamplingModes);
        Check(inputs, "padding_mode", PaddingModes);
        Check(inputs, "coordinates_mode", CoordinatesModes);
        return [new TensorType(x.DataType, new Shape([x.Shape[0], x.Shape[1], c.Shape[1], c.Shape[2]]))];
    }

    private static void Check(OpInputs inputs, string name, string[] allowed)
    {
        var value = inputs.String(name);
        if (!allowed.Contains(value))
        {
            throw inputs.TypeError($"unknown {name} '{value}'");
        }
    }
}

/// <summary>iOS16's <c>resample</c> also takes fp16 coordinates.</summary>
internal sealed class ResampleIos16 : Resample
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        .. new Resample().Inputs.Select(i => i.Name == "coordinates" ? i with { Domain = new TypeDomain("U", [DataType.Int32, DataType.Float16, DataType.Float32]) } : i),
    ];
}
