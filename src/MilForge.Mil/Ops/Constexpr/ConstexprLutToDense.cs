using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary>
/// iOS16 <c>constexpr_lut_to_dense(indices, lut, shape)</c>: palettized weights. <c>indices</c> is a uint8 vector of
/// n-bit indices packed LSB-first (n = log2 of the lut size, one of 1, 2, 4, 6, 8), <c>lut</c> the palette, and
/// <c>shape</c> the output shape.
/// </summary>
internal sealed class ConstexprLutToDense : ConstexprOp
{
    public override string Name => "constexpr_lut_to_dense";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("indices", new TypeDomain(null, [DataType.UInt8])),
        InputSpec.Const("lut", new TypeDomain("T", [.. Ios16Values])),
        InputSpec.Const("shape", new TypeDomain(null, [DataType.UInt32])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var indices = inputs.Type("indices");
        var lut = inputs.Type("lut");
        if (indices.Rank != 1 || lut.Rank != 1)
        {
            throw inputs.ShapeError("indices and lut must be vectors");
        }
        var palettes = KnownShape(inputs, "lut")[0];
        if (palettes is not (2 or 4 or 16 or 64 or 256))
        {
            throw inputs.ShapeError($"lut has {palettes} entries; it must have 2, 4, 16, 64 or 256");
        }
        var shape = StaticShape(inputs, "shape");
        var bits = int.Log2(palettes);
        var bytes = (Count(shape) * bits + 7) / 8;
        if (KnownShape(inputs, "indices")[0] != bytes)
        {
            throw inputs.ShapeError($"indices has {indices.Shape} bytes; {bits}-bit indices of shape [{string.Join(", ", shape)}] take {bytes}");
        }
        return [Of(lut.DataType, shape)];
    }
}

/// <summary>
/// iOS18 <c>constexpr_lut_to_dense(indices, lut, vector_axis)</c>: <c>indices</c> is a uint1..uint8 tensor of the
/// output's shape (its width fixes the palette size 2^n), <c>lut</c> is <c>[groups per dimension..., 2^n, vector_size]</c>
/// (one palette per block of indices), and with vector_size &gt; 1 each index selects a vector laid out along
/// <c>vector_axis</c>.
/// </summary>
internal sealed class ConstexprLutToDenseIos18 : ConstexprIos18Op
{
    public override string Name => "constexpr_lut_to_dense";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("indices", new TypeDomain(null, [DataType.UInt1, DataType.UInt2, DataType.UInt3, DataType.UInt4, DataType.UInt6, DataType.UInt8])),
        InputSpec.Const("lut", new TypeDomain("T", [.. Ios16Values])),
        InputSpec.OptionalConst("vector_axis", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var indices = KnownShape(inputs, "indices");
        var lut = KnownShape(inputs, "lut");
        if (indices.Length < 1 || lut.Length != indices.Length + 2)
        {
            throw inputs.ShapeError($"lut must have 2 more dimensions than indices (rank ≥ 1), got lut [{string.Join(", ", lut)}] and indices [{string.Join(", ", indices)}]");
        }
        for (var d = 0; d < indices.Length; d++)
        {
            if (lut[d] == 0 || indices[d] % lut[d] != 0)
            {
                throw inputs.ShapeError($"indices dimension {d} ({indices[d]}) is not divisible by the lut's ({lut[d]})");
            }
        }
        var bits = inputs.Type("indices").DataType.BitWidth();
        if (lut[^2] != 1 << bits)
        {
            throw inputs.ShapeError($"lut has {lut[^2]} palette entries; {inputs.Type("indices").DataType.MilName()} indices need {1 << bits}");
        }
        var output = (int[])indices.Clone();
        if (inputs.Has("vector_axis"))
        {
            var axis = inputs.Axis(inputs.Long("vector_axis"), indices.Length);
            output[axis] *= lut[^1];
        }
        else if (lut[^1] != 1)
        {
            throw inputs.Malformed("vector_axis is required when the lut's vector size is above 1");
        }
        return [Of(inputs.Type("lut").DataType, output)];
    }
}
