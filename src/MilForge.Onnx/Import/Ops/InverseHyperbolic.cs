using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Asinh and Acosh, which MIL lacks, from log and sqrt in forms that never square a large x (x² overflows FP16
/// beyond 256): with a = |x|, m = max(a, 1), u = min(a, 1) (= a/m), asinh(x) = sign(x)·(log m + log(u + √(u² + (1/m)²)));
/// acosh(x) = log x + log(1 + √((1 − 1/x)(1 + 1/x))), NaN below 1 as the square root or log of a negative is.
/// </summary>
[OnnxOp("Asinh", 9, 22)]
[OnnxOp("Acosh", 9, 22)]
internal sealed class InverseHyperbolic : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var name = context.OutputName();
        context.SetOutput(0, context.OpType == "Asinh" ? Asinh(context, x, name) : Acosh(context, x, name));
    }

    private static Value Asinh(OnnxNodeContext context, Value x, string name)
    {
        var one = context.Scalar(1, x, "one");
        var a = context.Op("abs", new() { { "x", x } }, $"{name}_abs");
        var m = context.Op("maximum", new() { { "x", a }, { "y", one } }, $"{name}_scale");
        var u = context.Op("minimum", new() { { "x", a }, { "y", one } }, $"{name}_scaled");
        var v = context.Op("real_div", new() { { "x", one }, { "y", m } }, $"{name}_inverse_scale");
        var sum = context.Op("add", new() { { "x", Square(context, u, $"{name}_scaled_sq") }, { "y", Square(context, v, $"{name}_inverse_scale_sq") } }, $"{name}_sum_sq");
        var root = context.Op("sqrt", new() { { "x", sum } }, $"{name}_root");
        var inner = context.Op("add", new() { { "x", u }, { "y", root } }, $"{name}_inner");
        var magnitude = context.Op("add", new() { { "x", Log(context, m, $"{name}_log_scale") }, { "y", Log(context, inner, $"{name}_log_inner") } }, $"{name}_magnitude");
        var sign = context.Op("sign", new() { { "x", x } }, $"{name}_sign");
        return context.Op("mul", new() { { "x", magnitude }, { "y", sign } }, name);
    }

    private static Value Acosh(OnnxNodeContext context, Value x, string name)
    {
        var one = context.Scalar(1, x, "one");
        var r = context.Op("real_div", new() { { "x", one }, { "y", x } }, $"{name}_inverse");
        var below = context.Op("sub", new() { { "x", one }, { "y", r } }, $"{name}_one_minus");
        var above = context.Op("add", new() { { "x", one }, { "y", r } }, $"{name}_one_plus");
        var root = context.Op("sqrt", new() { { "x", context.Op("mul", new() { { "x", below }, { "y", above } }, $"{name}_product") } }, $"{name}_root");
        var inner = context.Op("add", new() { { "x", one }, { "y", root } }, $"{name}_inner");
        return context.Op("add", new() { { "x", Log(context, x, $"{name}_log_x") }, { "y", Log(context, inner, $"{name}_log_inner") } }, name);
    }

    private static Value Square(OnnxNodeContext context, Value x, string name) => context.Op("mul", new() { { "x", x }, { "y", x } }, name);

    // epsilon 0: MIL's default (1e-45) would turn log(0) into −103 instead of −inf.
    private static Value Log(OnnxNodeContext context, Value x, string name) =>
        context.Op("log", new() { { "x", x }, { "epsilon", context.Scalar(0, x, "epsilon") } }, name);
}
