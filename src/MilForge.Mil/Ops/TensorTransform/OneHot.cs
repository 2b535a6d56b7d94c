using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>one_hot(indices, one_hot_vector_size, axis=-1, on_value=1, off_value=0)</c>: a new axis of length
/// one_hot_vector_size at <c>axis</c> holding on_value where its position equals the index and off_value elsewhere
/// (an index outside [0, size) gives a vector of off_value). The output has on_value's type.
/// </summary>
internal sealed class OneHot : OpDefinition
{
    private static readonly TypeDomain Values = new("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool]);

    public override string Name => "one_hot";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("indices", TypeDomain.Integer),
        InputSpec.Required("one_hot_vector_size", TypeDomain.Int32),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("on_value", Values, i => Default(i, "off_value", 1)),
        InputSpec.OptionalConst("off_value", Values, i => Default(i, "on_value", 0)),
    ];

    // 1 and 0 default to int32 (as in coremltools), or to the type of the other value when only one is given.
    private static Tensor Default(OpInputs inputs, string other, double value) =>
        Tensor.FromDoubles([value], [], inputs.TypeOrNull(other)?.DataType ?? DataType.Int32);

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var indices = inputs.Type("indices");
        var axis = inputs.Axis(inputs.Long("axis"), indices.Rank + 1);
        Dim depth;
        if (inputs.ConstOrNull("one_hot_vector_size") is { } size)
        {
            depth = size.GetLong(0) >= 0 ? Dim.Of(size.GetLong(0)) : throw inputs.ShapeError($"one_hot_vector_size {size.GetLong(0)} is negative");
        }
        else
        {
            depth = Dim.Of($"{inputs.OpName}_depth");
        }
        var dims = indices.Shape.Dims.ToList();
        dims.Insert(axis, depth);
        return [new TensorType(inputs.Type("on_value").DataType, new Shape(dims))];
    }
}

/// <summary>
/// <c>non_zero(x)</c>: the int32 coordinates [N, rank] of the non-zero elements of x in row-major order. N depends on
/// the data, so it is a symbolic dim unless x is constant (then the op folds).
/// </summary>
internal sealed class NonZero : OpDefinition
{
    public override string Name => "non_zero";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", new TypeDomain("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [new TensorType(DataType.Int32, new Shape([Dim.Of($"{inputs.OpName}_count"), inputs.Type("x").Rank]))];
}
