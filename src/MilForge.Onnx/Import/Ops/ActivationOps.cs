namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Parametric activations: LeakyRelu, Elu, ThresholdedRelu (strict x &gt; alpha, via select), HardSigmoid (MIL sigmoid_hard), HardSwish
/// (x·sigmoid_hard(x, 1/6, 1/2)), Gelu (opset 20, both approximations).
/// </summary>
[OnnxOp("LeakyRelu", 1, 6, 16)]
[OnnxOp("Elu", 1, 6, 22)]
[OnnxOp("ThresholdedRelu", 10, 22)]
[OnnxOp("HardSigmoid", 1, 6, 22)]
[OnnxOp("HardSwish", 14, 22)]
[OnnxOp("Gelu", 20)]
internal sealed class ActivationOps : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var a = context.Attributes;
        var result = context.OpType switch
        {
            "LeakyRelu" => context.Op("leaky_relu", new() { { "x", x }, { "alpha", context.Scalar(a.Float("alpha", 0.01f), x, "alpha") } }),
            "Elu" => context.Op("elu", new() { { "x", x }, { "alpha", context.Scalar(a.Float("alpha", 1f), x, "alpha") } }),
            "ThresholdedRelu" => ThresholdedRelu(context, x, a.Float("alpha", 1f)),
            "HardSigmoid" => HardSigmoid(context, x, a.Float("alpha", 0.2f), a.Float("beta", 0.5f), context.OutputName()),
            "HardSwish" => context.Op("mul", new() { { "x", x }, { "y", HardSigmoid(context, x, 1f / 6, 0.5f, $"{context.OutputName()}_gate") } }),
            _ => Gelu(context, x),
        };
        context.SetOutput(0, result);
    }

    private static Mil.Value HardSigmoid(OnnxNodeContext context, Mil.Value x, float alpha, float beta, string name) =>
        context.Op("sigmoid_hard", new() { { "x", x }, { "alpha", context.Scalar(alpha, x, "alpha") }, { "beta", context.Scalar(beta, x, "beta") } }, name);

    // ONNX keeps x only when x > alpha (strictly); MIL's thresholded_relu keeps x ≥ alpha, so use select.
    private static Mil.Value ThresholdedRelu(OnnxNodeContext context, Mil.Value x, float alpha)
    {
        var keep = context.Op("greater", new() { { "x", x }, { "y", context.Scalar(alpha, x, "alpha") } }, $"{context.OutputName()}_keep");
        return context.Op("select", new() { { "cond", keep }, { "a", x }, { "b", context.Scalar(0, x, "zero") } });
    }

    private static Mil.Value Gelu(OnnxNodeContext context, Mil.Value x)
    {
        var approximate = context.Attributes.String("approximate", "none");
        var mode = approximate switch
        {
            "none" => "EXACT",
            "tanh" => "TANH_APPROXIMATION",
            _ => throw context.Unsupported($"approximate='{approximate}' is not supported"),
        };
        return context.Op("gelu", new() { { "x", x }, { "mode", mode } });
    }
}
