using System.Numerics;
using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary>
/// iOS16 <c>constexpr_sparse_to_dense(nonzero_data, mask, shape)</c>: unstructured sparsity. <c>mask</c> is a bit
/// mask packed LSB-first in uint8 bytes, one bit per output element; set bits take the next value of
/// <c>nonzero_data</c> in row-major order, the others are zero.
/// </summary>
internal sealed class ConstexprSparseToDense : ConstexprOp
{
    public override string Name => "constexpr_sparse_to_dense";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("nonzero_data", new TypeDomain("T", [.. Ios16Values])),
        InputSpec.Const("mask", new TypeDomain(null, [DataType.UInt8])),
        InputSpec.Const("shape", new TypeDomain(null, [DataType.UInt32])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var data = inputs.Type("nonzero_data");
        if (data.Rank != 1 || inputs.Type("mask").Rank != 1)
        {
            throw inputs.ShapeError("nonzero_data and mask must be vectors");
        }
        var shape = StaticShape(inputs, "shape");
        var count = Count(shape);
        var mask = inputs.Const("mask").Storage<byte>();
        if (mask.Length != (count + 7) / 8)
        {
            throw inputs.ShapeError($"mask has {mask.Length} bytes; shape [{string.Join(", ", shape)}] needs {(count + 7) / 8}");
        }
        var set = mask.Sum(b => BitOperations.PopCount(b));
        if (count % 8 != 0 && mask[^1] >> (int)(count % 8) != 0)
        {
            throw inputs.Malformed("the mask's padding bits must be zero");
        }
        if (KnownShape(inputs, "nonzero_data")[0] != set)
        {
            throw inputs.ShapeError($"the mask sets {set} bits but nonzero_data has {data.Shape} values");
        }
        return [Of(data.DataType, shape)];
    }
}

/// <summary>
/// iOS18 <c>constexpr_sparse_to_dense(nonzero_data, mask)</c>: <c>mask</c> is a uint1 tensor of the output's shape;
/// data may also be int4/uint4.
/// </summary>
internal sealed class ConstexprSparseToDenseIos18 : ConstexprIos18Op
{
    public override string Name => "constexpr_sparse_to_dense";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("nonzero_data", new TypeDomain("T", [DataType.Int4, DataType.UInt4, .. Ios16Values])),
        InputSpec.Const("mask", new TypeDomain(null, [DataType.UInt1])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var data = inputs.Type("nonzero_data");
        if (data.Rank != 1)
        {
            throw inputs.ShapeError("nonzero_data must be a vector");
        }
        var set = inputs.Const("mask").Storage<byte>().Count(b => b != 0);
        if (KnownShape(inputs, "nonzero_data")[0] != set)
        {
            throw inputs.ShapeError($"the mask sets {set} bits but nonzero_data has {data.Shape} values");
        }
        return [Of(data.DataType, KnownShape(inputs, "mask"))];
    }
}
