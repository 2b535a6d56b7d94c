using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Activations MIL has no op for, composed from MIL ops: Selu = gamma·elu(x, alpha); Celu = x where x &gt; 0, else
/// elu(x/alpha, alpha) (alpha &gt; 0; plain elu when alpha is 1); Swish = x·sigmoid(alpha·x) (silu when alpha is 1);
/// SwiGLU(a, b) = Swish(a)·b; Mish = x·tanh(softplus(x)); Shrink = x + bias where x &lt; −lambd, x − bias where
/// x &gt; lambd, else 0 (integer inputs compare against the integer bounds ⌈−lambd⌉, ⌊lambd⌋ and need an integral bias).
/// </summary>
[OnnxOp("Selu", 1, 6, 22)]
[OnnxOp("Celu", 12)]
[OnnxOp("Swish", 24)]
[OnnxOp("SwiGLU", 28)]
[OnnxOp("Mish", 18, 22)]
[OnnxOp("Shrink", 9)]
internal sealed class ComposedActivations : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var a = context.Attributes;
        var name = context.OutputName();
        var result = context.OpType switch
        {
            "Selu" => context.Op("mul", new()
            {
                { "x", Elu(context, x, a.Float("alpha", 1.67326319217681884765625f), $"{name}_elu") },
                { "y", context.Scalar(a.Float("gamma", 1.05070102214813232421875f), x, "gamma") },
            }),
            "Celu" => Celu(context, x, a.Float("alpha", 1f), name),
            "Swish" => Swish(context, x, a.Float("alpha", 1f), name),
            "SwiGLU" => context.Op("mul", new() { { "x", Swish(context, x, a.Float("alpha", 1f), $"{name}_swish") }, { "y", context.Input(1) } }),
            "Mish" => Mish(context, x, name),
            _ => Shrink(context, x, a.Float("lambd", 0.5f), a.Float("bias", 0f), name),
        };
        context.SetOutput(0, result);
    }

    private static Value Elu(OnnxNodeContext context, Value x, float alpha, string name) =>
        context.Op("elu", new() { { "x", x }, { "alpha", context.Scalar(alpha, x, "alpha") } }, name);

    private static Value Celu(OnnxNodeContext context, Value x, float alpha, string name)
    {
        if (!(alpha > 0))
        {
            throw context.Unsupported($"alpha={alpha} is not supported (Celu needs a positive alpha)");
        }
        if (alpha == 1)
        {
            return Elu(context, x, 1, name);
        }
        var scaled = context.Op("real_div", new() { { "x", x }, { "y", context.Scalar(alpha, x, "alpha") } }, $"{name}_scaled");
        var negative = Elu(context, scaled, alpha, $"{name}_elu");
        var positive = context.Op("greater", new() { { "x", x }, { "y", context.Scalar(0, x, "zero") } }, $"{name}_positive");
        return context.Op("select", new() { { "cond", positive }, { "a", x }, { "b", negative } }, name);
    }

    private static Value Swish(OnnxNodeContext context, Value x, float alpha, string name)
    {
        if (alpha == 1)
        {
            return context.Op("silu", new() { { "x", x } }, name);
        }
        var scaled = context.Op("mul", new() { { "x", x }, { "y", context.Scalar(alpha, x, "alpha") } }, $"{name}_scaled");
        var gate = context.Op("sigmoid", new() { { "x", scaled } }, $"{name}_gate");
        return context.Op("mul", new() { { "x", x }, { "y", gate } }, name);
    }

    private static Value Mish(OnnxNodeContext context, Value x, string name)
    {
        var softplus = context.Op("softplus", new() { { "x", x } }, $"{name}_softplus");
        var gate = context.Op("tanh", new() { { "x", softplus } }, $"{name}_gate");
        return context.Op("mul", new() { { "x", x }, { "y", gate } }, name);
    }

    private static Value Shrink(OnnxNodeContext context, Value x, float lambd, float bias, string name)
    {
        double low = -lambd, high = lambd;
        if (!x.DataType.IsFloatType())
        {
            if (bias != MathF.Round(bias))
            {
                throw context.Unsupported($"bias={bias} is not supported for {x.DataType} input (integer Shrink needs an integral bias)");
            }
            // For an integer x, x < t exactly when x < ⌈t⌉, and x > t exactly when x > ⌊t⌋.
            (low, high) = (Math.Clamp(Math.Ceiling(low), int.MinValue, int.MaxValue), Math.Clamp(Math.Floor(high), int.MinValue, int.MaxValue));
        }
        var below = context.Op("less", new() { { "x", x }, { "y", context.Scalar(low, x, "low") } }, $"{name}_below");
        var above = context.Op("greater", new() { { "x", x }, { "y", context.Scalar(high, x, "high") } }, $"{name}_above");
        var biasValue = context.Scalar(bias, x, "bias");
        var raised = context.Op("add", new() { { "x", x }, { "y", biasValue } }, $"{name}_raised");
        var lowered = context.Op("sub", new() { { "x", x }, { "y", biasValue } }, $"{name}_lowered");
        var upper = context.Op("select", new() { { "cond", above }, { "a", lowered }, { "b", context.Scalar(0, x, "zero") } }, $"{name}_upper");
        return context.Op("select", new() { { "cond", below }, { "a", raised }, { "b", upper } }, name);
    }
}
