using MilForge.Mil.Ops.Quantization;
using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary>
/// <c>constexpr_affine_dequantize(quantized_data, zero_point, scale, axis)</c>: <c>scale * (quantized_data - zero_point)</c>
/// with int8/uint8 data and a scalar or per-<c>axis</c> vector scale and zero point; the result has the scale's type.
/// </summary>
internal sealed class ConstexprAffineDequantize : ConstexprOp
{
    public override string Name => "constexpr_affine_dequantize";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("quantized_data", new TypeDomain("SrcT", [DataType.UInt8, DataType.Int8])),
        InputSpec.Const("zero_point", new TypeDomain("ZeroPointT", [DataType.UInt8, DataType.Int8, DataType.Float32])),
        InputSpec.Const("scale", new TypeDomain("DstT", [DataType.Float16, DataType.Float32])),
        InputSpec.Const("axis", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var data = inputs.Type("quantized_data");
        var axis = inputs.Axis(inputs.Long("axis"), data.Rank);
        QuantizationParameters.CheckVector(inputs, "scale", data, axis);
        QuantizationParameters.CheckVector(inputs, "zero_point", data, axis);
        return [data.WithDataType(inputs.Type("scale").DataType)];
    }
}
