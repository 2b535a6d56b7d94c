using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>split(x, num_splits, split_sizes, axis)</c>: splits along axis into <c>num_splits</c> equal parts or into parts of
/// <c>split_sizes</c>; one of the two must be given. The output count follows from them.
/// </summary>
internal sealed class Split : OpDefinition
{
    public override string Name => "split";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.OptionalConst("num_splits", TypeDomain.Int32),
        InputSpec.OptionalConst("split_sizes", TypeDomain.Int32),
        InputSpec.Const("axis", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axis = inputs.Axis(inputs.Long("axis"), x.Rank);
        var sizes = Sizes(inputs, x.Shape[axis]);
        return [.. sizes.Select(s =>
        {
            var dims = x.Shape.Dims.ToArray();
            dims[axis] = s;
            return new TensorType(x.DataType, new Shape(dims));
        })];
    }

    private static Dim[] Sizes(OpInputs inputs, Dim dim)
    {
        if (inputs.Has("split_sizes"))
        {
            var sizes = inputs.Ints("split_sizes");
            if (sizes.Any(s => s < 0) || (dim.IsKnown && sizes.Sum(s => (long)s) != dim.Size))
            {
                throw inputs.ShapeError($"split_sizes [{string.Join(", ", sizes)}] do not add up to {dim}");
            }
            return [.. sizes.Select(s => Dim.Of(s))];
        }
        if (!inputs.Has("num_splits"))
        {
            throw inputs.Malformed("one of num_splits and split_sizes is required");
        }
        var n = inputs.Int("num_splits");
        if (n < 1 || (dim.IsKnown && dim.Size % n != 0))
        {
            throw inputs.ShapeError($"num_splits {n} does not divide {dim}");
        }
        return [.. Enumerable.Range(0, n).Select(i => dim.IsKnown ? Dim.Of(dim.Size / n) : Dim.Of($"{inputs.OpName}_s{i}"))];
    }
}
