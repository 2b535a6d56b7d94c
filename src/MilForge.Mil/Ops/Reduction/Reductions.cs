using MilForge.Numerics;

namespace MilForge.Mil.Ops.Reduction;

/// <summary>Shared definition of <c>reduce_*</c>: x, axes (default all), keep_dims (default False).</summary>
internal abstract class ReduceOp : OpDefinition
{
    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("axes", TypeDomain.Int32),
        InputSpec.OptionalConst("keep_dims", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axes = ReducedAxes(inputs, x.Rank);
        var keep = inputs.Bool("keep_dims");
        var dims = new List<Dim>();
        for (var i = 0; i < x.Rank; i++)
        {
            if (!axes.Contains(i))
            {
                dims.Add(x.Shape[i]);
            }
            else if (keep)
            {
                dims.Add(1);
            }
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }

    /// <summary>The normalized axes reduced over (all when <c>axes</c> is absent).</summary>
    public static int[] ReducedAxes(OpInputs inputs, int rank) => inputs.Has("axes")
        ? [.. inputs.Ints("axes").Select(a => inputs.Axis(a, rank)).Distinct().Order()]
        : [.. Enumerable.Range(0, rank)];
}

/// <summary><c>reduce_sum</c>.</summary>
internal sealed class ReduceSum : ReduceOp
{
    public override string Name => "reduce_sum";
}

/// <summary><c>reduce_mean</c>.</summary>
internal sealed class ReduceMean : ReduceOp
{
    public override string Name => "reduce_mean";
}

/// <summary><c>reduce_max</c>.</summary>
internal sealed class ReduceMax : ReduceOp
{
    public override string Name => "reduce_max";
}

/// <summary><c>reduce_min</c>.</summary>
internal sealed class ReduceMin : ReduceOp
{
    public override string Name => "reduce_min";
}

/// <summary><c>reduce_prod</c>.</summary>
internal sealed class ReduceProd : ReduceOp
{
    public override string Name => "reduce_prod";
}

/// <summary><c>reduce_l1_norm</c> = Σ|x|.</summary>
internal sealed class ReduceL1Norm : ReduceOp
{
    public override string Name => "reduce_l1_norm";
}

/// <summary><c>reduce_l2_norm</c> = sqrt(Σx²).</summary>
internal sealed class ReduceL2Norm : ReduceOp
{
    public override string Name => "reduce_l2_norm";
}

/// <summary><c>reduce_sum_square</c> = Σx².</summary>
internal sealed class ReduceSumSquare : ReduceOp
{
    public override string Name => "reduce_sum_square";
}

/// <summary><c>reduce_log_sum</c> = ln Σx.</summary>
internal sealed class ReduceLogSum : ReduceOp
{
    public override string Name => "reduce_log_sum";
}

/// <summary><c>reduce_log_sum_exp</c> = ln Σe^x (computed stably).</summary>
internal sealed class ReduceLogSumExp : ReduceOp
{
    public override string Name => "reduce_log_sum_exp";
}

/// <summary>Shared definition of <c>reduce_argmax</c>/<c>reduce_argmin</c>: int32 indices along one axis.</summary>
internal abstract class ArgReduceOp : OpDefinition
{
    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(-1)),
        InputSpec.OptionalConst("keep_dims", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axis = inputs.Axis(inputs.Long("axis"), x.Rank);
        var dims = x.Shape.Dims.ToList();
        if (inputs.Bool("keep_dims"))
        {
            dims[axis] = 1;
        }
        else
        {
            dims.RemoveAt(axis);
        }
        return [new TensorType(DataType.Int32, new Shape(dims))];
    }
}

/// <summary><c>reduce_argmax</c> (first index of the maximum).</summary>
internal sealed class ReduceArgmax : ArgReduceOp
{
    public override string Name => "reduce_argmax";
}

/// <summary><c>reduce_argmin</c> (first index of the minimum).</summary>
internal sealed class ReduceArgmin : ArgReduceOp
{
    public override string Name => "reduce_argmin";
}
