using MilForge.Numerics;

namespace MilForge.Mil.Ops.Quantization;

/// <summary>
/// iOS17 <c>quantize(input, zero_point, scale, axis, output_dtype)</c>: <c>clip(round(input / scale) + zero_point)</c>
/// to int8 or uint8 (round half to even), with a scalar or per-<c>axis</c> scale and zero point.
/// </summary>
internal sealed class Quantize : OpDefinition
{
    private static readonly TypeDomain Destination = new("DstT", [DataType.UInt8, DataType.Int8]);

    public override string Name => "quantize";

    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("input", new TypeDomain("SrcT", [DataType.Float16, DataType.Float32])),
        InputSpec.OptionalConst("zero_point", Destination),
        InputSpec.Const("scale", new TypeDomain("SrcT", [DataType.Float16, DataType.Float32])),
        InputSpec.OptionalConst("axis", TypeDomain.Int32),
        InputSpec.Const("output_dtype", TypeDomain.String),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var name = inputs.String("output_dtype");
        if (!DataTypes.TryParseMilName(name, out var output) || !Destination.Allows(output))
        {
            throw inputs.TypeError($"output_dtype '{name}' must be int8 or uint8");
        }
        if (inputs.TypeOrNull("zero_point") is { } zp && zp.DataType != output)
        {
            throw inputs.TypeError($"zero_point is {zp.DataType.MilName()} but output_dtype is {name}");
        }
        if (inputs.Const("scale").AsDoubles().All(s => s == 0))
        {
            throw inputs.Malformed("scale must not be zero");
        }
        var input = inputs.Type("input");
        QuantizationParameters.CheckScaleAndZeroPoint(inputs, input);
        return [input.WithDataType(output)];
    }
}

/// <summary>
/// iOS17 <c>dequantize(input, zero_point, scale, axis)</c>: <c>scale * (input - zero_point)</c> from int8/uint8 to the
/// scale's float type, with a scalar or per-<c>axis</c> scale and zero point.
/// </summary>
internal sealed class Dequantize : OpDefinition
{
    public override string Name => "dequantize";

    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("input", new TypeDomain("SrcT", [DataType.UInt8, DataType.Int8])),
        InputSpec.OptionalConst("zero_point", new TypeDomain("SrcT", [DataType.UInt8, DataType.Int8])),
        InputSpec.Const("scale", new TypeDomain("DstT", [DataType.Float16, DataType.Float32])),
        InputSpec.OptionalConst("axis", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var input = inputs.Type("input");
        QuantizationParameters.CheckScaleAndZeroPoint(inputs, input);
        return [input.WithDataType(inputs.Type("scale").DataType)];
    }
}
