using MilForge.Numerics;

namespace MilForge.Mil.Ops.Sorting;

/// <summary>
/// <c>topk(x, k=1, axis=-1, ascending=False)</c>: the k largest (smallest when ascending) values along an axis and
/// their int32 indices; k must not exceed a known axis length.
/// </summary>
internal class TopK : OpDefinition
{
    public override string Name => "topk";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("k", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("ascending", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axis = inputs.Axis(inputs.Long("axis"), x.Rank);
        var k = inputs.Long("k");
        if (k < 0 || (x.Shape[axis].IsKnown && k > x.Shape[axis].Size))
        {
            throw inputs.ShapeError($"k {k} is outside [0, {x.Shape[axis]}] (the length of axis {axis})");
        }
        var dims = x.Shape.Dims.ToArray();
        dims[axis] = Dim.Of(k);
        var shape = new Shape(dims);
        return ReturnsIndices(inputs)
            ? [new TensorType(x.DataType, shape), new TensorType(DataType.Int32, shape)]
            : [new TensorType(x.DataType, shape)];
    }

    /// <summary>True when the op has the indices output.</summary>
    protected virtual bool ReturnsIndices(OpInputs inputs) => true;
}

/// <summary>iOS16 <c>topk</c>: adds <c>sort</c> (default True) and <c>return_indices</c> (default True; False drops the indices output).</summary>
internal sealed class TopKIos16 : TopK
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("k", TypeDomain.Int32, _ => Tensor.Scalar(1)),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("ascending", TypeDomain.Bool, _ => Tensor.Scalar(false)),
        InputSpec.OptionalConst("sort", TypeDomain.Bool, _ => Tensor.Scalar(true)),
        InputSpec.OptionalConst("return_indices", TypeDomain.Bool, _ => Tensor.Scalar(true)),
    ];

    protected override bool ReturnsIndices(OpInputs inputs) => inputs.Bool("return_indices");
}

/// <summary><c>argsort(x, axis=-1, ascending=False)</c>: int32 indices that sort x along an axis (ties keep index order).</summary>
internal sealed class Argsort : OpDefinition
{
    public override string Name => "argsort";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("ascending", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        inputs.Axis(inputs.Long("axis"), x.Rank);
        return [x.WithDataType(DataType.Int32)];
    }
}
