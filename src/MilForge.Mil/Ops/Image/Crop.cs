using MilForge.Numerics;

namespace MilForge.Mil.Ops.Image;

/// <summary><c>crop(x, crop_height, crop_width)</c>: drops [top, bottom] rows and [left, right] columns of the last two dims (rank ≥ 3).</summary>
internal sealed class Crop : OpDefinition
{
    public override string Name => "crop";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("crop_height", TypeDomain.Int32),
        InputSpec.Const("crop_width", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank < 3)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank ≥ 3");
        }
        var dims = x.Shape.Dims.ToArray();
        dims[^2] = Cropped(inputs, dims[^2], "crop_height");
        dims[^1] = Cropped(inputs, dims[^1], "crop_width");
        return [new TensorType(x.DataType, new Shape(dims))];
    }

    private static Dim Cropped(OpInputs inputs, Dim size, string name)
    {
        var crop = inputs.Ints(name);
        if (crop.Length != 2 || crop.Any(c => c < 0))
        {
            throw inputs.ShapeError($"{name} [{string.Join(",", crop)}] must be two non-negative amounts");
        }
        if (!size.IsKnown)
        {
            return Dim.Of($"{inputs.OpName}_{name}");
        }
        var result = size.Size - crop[0] - crop[1];
        return result >= 0 ? Dim.Of(result) : throw inputs.ShapeError($"{name} [{crop[0]},{crop[1]}] removes more than the {size} elements");
    }
}
