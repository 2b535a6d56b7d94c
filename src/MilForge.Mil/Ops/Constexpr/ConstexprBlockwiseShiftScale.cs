using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary>
/// iOS18 <c>constexpr_blockwise_shift_scale(data, scale, offset)</c>: <c>scale * (data - offset)</c> where scale and
/// offset have the data's rank and each of their elements covers a block of data.shape[d] / scale.shape[d] along every
/// dimension d. Data may be int4/uint4/int8/uint8 (or float); an integer offset has the data's type.
/// </summary>
internal sealed class ConstexprBlockwiseShiftScale : ConstexprIos18Op
{
    private static readonly DataType[] Sources = [DataType.Int4, DataType.UInt4, DataType.Int8, DataType.UInt8, DataType.Float16, DataType.Float32];

    public override string Name => "constexpr_blockwise_shift_scale";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("data", new TypeDomain("SrcT", [.. Sources])),
        InputSpec.Const("scale", new TypeDomain("DstT", [DataType.Float16, DataType.Float32])),
        InputSpec.OptionalConst("offset", new TypeDomain("OffsetT", [.. Sources])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var data = KnownShape(inputs, "data");
        var scale = KnownShape(inputs, "scale");
        if (data.Length < 1 || scale.Length != data.Length)
        {
            throw inputs.ShapeError($"scale must have the rank of data (≥ 1), got scale [{string.Join(", ", scale)}] and data [{string.Join(", ", data)}]");
        }
        for (var d = 0; d < data.Length; d++)
        {
            if (scale[d] == 0 || data[d] % scale[d] != 0)
            {
                throw inputs.ShapeError($"data dimension {d} ({data[d]}) is not a multiple of scale's ({scale[d]})");
            }
        }
        if (inputs.Has("offset"))
        {
            if (!KnownShape(inputs, "offset").SequenceEqual(scale))
            {
                throw inputs.ShapeError("offset must have the shape of scale");
            }
            var offsetType = inputs.Type("offset").DataType;
            if (!offsetType.IsFloat() && offsetType != inputs.Type("data").DataType)
            {
                throw inputs.TypeError($"an integer offset must have the data's type, got {offsetType.MilName()} and {inputs.Type("data").DataType.MilName()}");
            }
        }
        return [Of(inputs.Type("scale").DataType, data)];
    }
}
