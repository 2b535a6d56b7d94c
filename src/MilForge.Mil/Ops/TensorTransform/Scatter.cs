using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// Shared definition of the scatter ops: data, indices, updates and <c>mode</c> (update, add, sub, mul, div, max, min;
/// default add). The output has data's type; each op states the shape updates must have.
/// </summary>
internal abstract class ScatterOp : OpDefinition
{
    /// <summary>The modes every scatter op accepts.</summary>
    public static readonly string[] Modes = ["update", "add", "sub", "mul", "div", "max", "min"];

    /// <summary>The inputs of the scatter ops along an axis.</summary>
    protected static readonly IReadOnlyList<InputSpec> WithAxis =
    [
        InputSpec.Required("data", TypeDomain.NumericT),
        InputSpec.Required("indices", TypeDomain.Integer),
        InputSpec.Required("updates", TypeDomain.NumericT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
        InputSpec.OptionalConst("mode", TypeDomain.String, _ => Tensor.Scalar("add")),
    ];

    public override IReadOnlyList<InputSpec> Inputs => WithAxis;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var data = inputs.Type("data");
        var mode = inputs.String("mode");
        if (!Modes.Contains(mode))
        {
            throw inputs.Malformed($"mode '{mode}' is not one of {string.Join(", ", Modes)}");
        }
        var expected = ExpectedUpdates(inputs, data, inputs.Type("indices"));
        var updates = inputs.Type("updates");
        if (updates.Rank != expected.Count || Enumerable.Range(0, expected.Count).Any(i => updates.Shape[i].IsKnown && expected[i].IsKnown && updates.Shape[i] != expected[i]))
        {
            throw inputs.ShapeError($"updates {updates.Shape} must have the shape [{string.Join(", ", expected)}]");
        }
        return [data];
    }

    /// <summary>The shape updates must have.</summary>
    protected abstract IReadOnlyList<Dim> ExpectedUpdates(OpInputs inputs, TensorType data, TensorType indices);
}

/// <summary><c>scatter(data, indices, updates, axis=0, mode)</c>: 1-D indices along axis; updates are data.shape[:axis] + [len(indices)] + data.shape[axis+1:].</summary>
internal sealed class Scatter : ScatterOp
{
    public override string Name => "scatter";

    protected override IReadOnlyList<Dim> ExpectedUpdates(OpInputs inputs, TensorType data, TensorType indices)
    {
        var axis = inputs.Axis(inputs.Long("axis"), data.Rank);
        if (indices.Rank != 1)
        {
            throw inputs.ShapeError($"indices {indices.Shape} must be 1-D");
        }
        return [.. data.Shape.Dims.Take(axis), indices.Shape[0], .. data.Shape.Dims.Skip(axis + 1)];
    }
}

/// <summary><c>scatter_along_axis(data, indices, updates, axis=0, mode)</c>: indices and updates share a shape of data's rank, equal to data's off the axis.</summary>
internal sealed class ScatterAlongAxis : ScatterOp
{
    public override string Name => "scatter_along_axis";

    protected override IReadOnlyList<Dim> ExpectedUpdates(OpInputs inputs, TensorType data, TensorType indices)
    {
        var axis = inputs.Axis(inputs.Long("axis"), data.Rank);
        if (indices.Rank != data.Rank || Enumerable.Range(0, data.Rank).Any(i => i != axis && data.Shape[i].IsKnown && indices.Shape[i].IsKnown && data.Shape[i] != indices.Shape[i]))
        {
            throw inputs.ShapeError($"indices {indices.Shape} must have the rank of data {data.Shape} and its dims off axis {axis}");
        }
        return indices.Shape.Dims;
    }
}

/// <summary><c>scatter_nd(data, indices, updates, mode)</c>: the last dim K of indices addresses data's first K dims; updates are indices.shape[:-1] + data.shape[K:].</summary>
internal sealed class ScatterNd : ScatterOp
{
    public override string Name => "scatter_nd";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [.. WithAxis.Where(i => i.Name != "axis")];

    protected override IReadOnlyList<Dim> ExpectedUpdates(OpInputs inputs, TensorType data, TensorType indices)
    {
        if (indices.Rank < 1 || !indices.Shape[^1].IsKnown || indices.Shape[^1].Size > data.Rank)
        {
            throw inputs.ShapeError($"the last dim of indices {indices.Shape} must be known and at most the rank of data {data.Shape}");
        }
        return [.. indices.Shape.Dims.Take(indices.Rank - 1), .. data.Shape.Dims.Skip((int)indices.Shape[^1].Size)];
    }
}
