using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>concat(values, axis, interleave=False)</c>: joins tensors of equal rank along axis. Scalars join into a vector
/// (axis 0), as coremltools writes them for dynamic slice bounds.
/// </summary>
internal sealed class Concat : OpDefinition
{
    public override string Name => "concat";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Tuple("values", TypeDomain.AnyT),
        InputSpec.Const("axis", TypeDomain.Int32),
        InputSpec.OptionalConst("interleave", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var values = inputs.Tuple("values").Select(v => v.TensorType).ToList();
        if (values.All(v => v.Rank == 0))
        {
            inputs.Axis(inputs.Long("axis"), 1);
            return [TensorType.Of(values[0].DataType, values.Count)];
        }
        var rank = values[0].Rank;
        var axis = inputs.Axis(inputs.Long("axis"), rank);
        var dims = values[0].Shape.Dims.ToArray();
        long total = 0;
        var symbolic = false;
        foreach (var v in values)
        {
            if (v.Rank != rank)
            {
                throw inputs.ShapeError($"values have different ranks ({values[0].Shape} and {v.Shape})");
            }
            for (var i = 0; i < rank; i++)
            {
                if (i != axis && v.Shape[i].IsKnown && dims[i].IsKnown && v.Shape[i] != dims[i])
                {
                    throw inputs.ShapeError($"values {values[0].Shape} and {v.Shape} differ outside axis {axis}");
                }
            }
            symbolic |= !v.Shape[axis].IsKnown;
            total += v.Shape[axis].IsKnown ? v.Shape[axis].Size : 0;
        }
        dims[axis] = symbolic ? Dim.Of($"{inputs.OpName}_d{axis}") : Dim.Of(total);
        return [new TensorType(values[0].DataType, new Shape(dims))];
    }
}

/// <summary><c>stack(values, axis)</c>: joins tensors of equal shape along a new axis.</summary>
internal sealed class Stack : OpDefinition
{
    public override string Name => "stack";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Tuple("values", TypeDomain.AnyT),
        InputSpec.Const("axis", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var values = inputs.Tuple("values").Select(v => v.TensorType).ToList();
        if (values.Any(v => v.Rank != values[0].Rank))
        {
            throw inputs.ShapeError("values have different ranks");
        }
        var axis = inputs.Axis(inputs.Long("axis"), values[0].Rank + 1);
        var dims = values[0].Shape.Dims.ToList();
        dims.Insert(axis, values.Count);
        return [new TensorType(values[0].DataType, new Shape(dims))];
    }
}
