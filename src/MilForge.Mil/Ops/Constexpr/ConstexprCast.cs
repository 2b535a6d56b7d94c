using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary><c>constexpr_cast(source_val, output_dtype)</c>: an fp16 constant widened to fp32 (the only cast MIL defines).</summary>
internal class ConstexprCast : ConstexprOp
{
    public override string Name => "constexpr_cast";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Const("source_val", new TypeDomain(null, [DataType.Float16])),
        InputSpec.Const("output_dtype", TypeDomain.String),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var dtype = inputs.String("output_dtype");
        return dtype == "fp32" ? [inputs.Type("source_val").WithDataType(DataType.Float32)]
            : throw inputs.TypeError($"output_dtype '{dtype}' is not supported; only fp32 is");
    }
}

/// <summary>iOS18 <c>constexpr_cast</c>: the same op, with its inputs written as literal bindings.</summary>
internal sealed class ConstexprCastIos18 : ConstexprCast
{
    public override DeploymentTarget Since => DeploymentTarget.iOS18;

    public override ConstantParameterEncoding ParameterEncoding => ConstantParameterEncoding.InlineValues;
}
