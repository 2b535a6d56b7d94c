using MilForge.Numerics;

namespace MilForge.Mil.Ops.Linear;

/// <summary>
/// <c>matmul(x, y, transpose_x=False, transpose_y=False)</c>: batched matrix product with NumPy broadcasting of the
/// batch dimensions. A rank-1 operand is promoted to a matrix and the added dimension dropped from the result.
/// </summary>
internal sealed class Matmul : OpDefinition
{
    public override string Name => "matmul";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.Required("y", TypeDomain.NumericT),
        InputSpec.OptionalConst("transpose_x", TypeDomain.Bool, _ => Tensor.Scalar(false)),
        InputSpec.OptionalConst("transpose_y", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var y = inputs.Type("y");
        if (x.Rank == 0 || y.Rank == 0)
        {
            throw inputs.ShapeError("matmul operands must have rank ≥ 1");
        }
        var xd = x.Shape.Dims.ToList();
        var yd = y.Shape.Dims.ToList();
        var xVector = xd.Count == 1;
        var yVector = yd.Count == 1;
        if (xVector)
        {
            xd.Insert(0, 1);
        }
        if (yVector)
        {
            yd.Add(1);
        }
        if (inputs.Bool("transpose_x") && !xVector)
        {
            (xd[^1], xd[^2]) = (xd[^2], xd[^1]);
        }
        if (inputs.Bool("transpose_y") && !yVector)
        {
            (yd[^1], yd[^2]) = (yd[^2], yd[^1]);
        }
        var k1 = xd[^1];
        var k2 = yd[^2];
        if (k1.IsKnown && k2.IsKnown && k1 != k2)
        {
            throw inputs.ShapeError($"inner dimensions differ: x {x.Shape} and y {y.Shape}");
        }
        var batch = Broadcasting.TryBroadcast(new Shape(xd.Take(xd.Count - 2)), new Shape(yd.Take(yd.Count - 2)))
            ?? throw inputs.ShapeError($"batch dimensions of {x.Shape} and {y.Shape} do not broadcast");
        var result = batch.Dims.ToList();
        if (!xVector)
        {
            result.Add(xd[^2]);
        }
        if (!yVector)
        {
            result.Add(yd[^1]);
        }
        return [new TensorType(x.DataType, new Shape(result))];
    }
}

/// <summary><c>linear(x, weight, bias)</c> = x·weightᵀ + bias, with weight [Dout, Din] and bias [Dout] constant.</summary>
internal sealed class LinearOp : OpDefinition
{
    public override string Name => "linear";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("weight", TypeDomain.FloatT),
        InputSpec.OptionalConst("bias", TypeDomain.FloatT,
            i => Tensor.Zeros(i.Type("weight").DataType, [i.Type("weight") is { Rank: 2 } w ? (int)w.Shape[0].Size : 0])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var w = inputs.Type("weight");
        if (x.Rank < 1 || w.Rank != 2)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank ≥ 1 and weight {w.Shape} rank 2");
        }
        if (x.Shape[^1].IsKnown && x.Shape[^1] != w.Shape[1])
        {
            throw inputs.ShapeError($"x {x.Shape} has {x.Shape[^1]} features, weight {w.Shape} expects {w.Shape[1]}");
        }
        if (inputs.TypeOrNull("bias") is { } b && (b.Rank != 1 || b.Shape[0] != w.Shape[0]))
        {
            throw inputs.ShapeError($"bias {b.Shape} must be [{w.Shape[0]}]");
        }
        return [new TensorType(x.DataType, new Shape([.. x.Shape.Dims.Take(x.Rank - 1), w.Shape[0]]))];
    }
}
