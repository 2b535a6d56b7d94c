using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary><c>squeeze(x, axes)</c>: removes the listed size-1 dims (all size-1 dims when axes is absent).</summary>
internal sealed class Squeeze : OpDefinition
{
    public override string Name => "squeeze";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.OptionalConst("axes", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axes = inputs.Has("axes")
            ? inputs.Ints("axes").Select(a => inputs.Axis(a, x.Rank)).ToHashSet()
            : Enumerable.Range(0, x.Rank).Where(i => x.Shape[i] == Dim.Of(1)).ToHashSet();
        foreach (var a in axes)
        {
            if (x.Shape[a].IsKnown && x.Shape[a].Size != 1)
            {
                throw inputs.ShapeError($"cannot squeeze dim {a} of size {x.Shape[a]}");
            }
        }
        return [new TensorType(x.DataType, new Shape(Enumerable.Range(0, x.Rank).Where(i => !axes.Contains(i)).Select(i => x.Shape[i])))];
    }
}

/// <summary><c>expand_dims(x, axes)</c>: inserts size-1 dims at the listed positions of the output.</summary>
internal sealed class ExpandDims : OpDefinition
{
    public override string Name => "expand_dims";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Const("axes", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var rank = x.Rank + inputs.Ints("axes").Length;
        var axes = inputs.Ints("axes").Select(a => inputs.Axis(a, rank)).ToHashSet();
        if (axes.Count != inputs.Ints("axes").Length)
        {
            throw inputs.ShapeError("axes repeat");
        }
        var dims = new List<Dim>();
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            dims.Add(axes.Contains(i) ? Dim.Of(1) : x.Shape[next++]);
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}

/// <summary><c>flatten2d(x, axis=1)</c>: reshapes to [prod(dims before axis), prod(dims from axis)].</summary>
internal sealed class Flatten2d : OpDefinition
{
    public override string Name => "flatten2d";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(1)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axis = inputs.Long("axis");
        var a = axis < 0 ? axis + x.Rank : axis;
        if (a < 0 || a > x.Rank)
        {
            throw inputs.ShapeError($"axis {axis} is out of range for rank {x.Rank}");
        }
        return [new TensorType(x.DataType, new Shape([Product(x.Shape.Dims.Take((int)a), inputs, 0), Product(x.Shape.Dims.Skip((int)a), inputs, 1)]))];
    }

    private static Dim Product(IEnumerable<Dim> dims, OpInputs inputs, int index)
    {
        long p = 1;
        foreach (var d in dims)
        {
            if (!d.IsKnown)
            {
                return Dim.Of($"{inputs.OpName}_d{index}");
            }
            p *= d.Size;
        }
        return Dim.Of(p);
    }
}
