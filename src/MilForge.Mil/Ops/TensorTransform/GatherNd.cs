using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>gather_nd(x, indices)</c>: the last dim K of indices addresses the first K dims of x; the output shape is
/// indices.shape[:-1] + x.shape[K:]. Negative indices count from the end (iOS15/16).
/// </summary>
internal class GatherNd : OpDefinition
{
    public override string Name => "gather_nd";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("indices", TypeDomain.Integer),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var indices = inputs.Type("indices");
        var batchDims = inputs.Has("batch_dims") ? inputs.Int("batch_dims") : 0;
        if (indices.Rank < 1 || !indices.Shape[^1].IsKnown)
        {
            throw inputs.ShapeError($"indices {indices.Shape} must have a known last dim");
        }
        var depth = (int)indices.Shape[^1].Size;
        if (batchDims < 0 || batchDims >= x.Rank || batchDims > indices.Rank - 1 || batchDims + depth > x.Rank)
        {
            throw inputs.ShapeError($"indices {indices.Shape} with batch_dims {batchDims} do not fit x {x.Shape}");
        }
        return [new TensorType(x.DataType, new Shape([.. indices.Shape.Dims.Take(indices.Rank - 1), .. x.Shape.Dims.Skip(batchDims + depth)]))];
    }
}

/// <summary>iOS16 <c>gather_nd</c>: adds <c>batch_dims</c> (default 0), leading dims shared by x and indices.</summary>
internal sealed class GatherNdIos16 : GatherNd
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("indices", TypeDomain.Integer),
        InputSpec.OptionalConst("batch_dims", TypeDomain.Int32, _ => Tensor.Scalar(0)),
    ];
}
