namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Unary ONNX ops with a MIL op of the same meaning. Log uses epsilon 0 (MIL's default 1e-45 would turn log(0) into
/// −103 instead of −inf); Neg and Reciprocal become mul/real_div by a constant; integer Relu (opset 14) is
/// maximum(x, 0) because MIL relu takes floats only.
/// </summary>
[OnnxOp("Relu", 1, 6, 13, 14)]
[OnnxOp("Sigmoid", 1, 6, 13)]
[OnnxOp("Tanh", 1, 6, 13)]
[OnnxOp("Exp", 1, 6, 13)]
[OnnxOp("Sqrt", 1, 6, 13)]
[OnnxOp("Erf", 9, 13)]
[OnnxOp("Abs", 1, 6, 13)]
[OnnxOp("Ceil", 1, 6, 13)]
[OnnxOp("Floor", 1, 6, 13)]
[OnnxOp("Round", 11, 22)]
[OnnxOp("Sign", 9, 13)]
[OnnxOp("Sin", 7, 22)]
[OnnxOp("Cos", 7, 22)]
[OnnxOp("Tan", 7, 22)]
[OnnxOp("Asin", 7, 22)]
[OnnxOp("Acos", 7, 22)]
[OnnxOp("Atan", 7, 22)]
[OnnxOp("Sinh", 9, 22)]
[OnnxOp("Cosh", 9, 22)]
[OnnxOp("Atanh", 9, 22)]
[OnnxOp("Softplus", 1, 22)]
[OnnxOp("Softsign", 1, 22)]
[OnnxOp("Not", 1)]
[OnnxOp("Log", 1, 6, 13)]
[OnnxOp("Neg", 1, 6, 13)]
[OnnxOp("Reciprocal", 1, 6, 13)]
internal sealed class ElementwiseUnaryOps : IOnnxConverter
{
    private static readonly Dictionary<string, string> MilOps = new()
    {
        ["Relu"] = "relu",
        ["Sigmoid"] = "sigmoid",
        ["Tanh"] = "tanh",
        ["Exp"] = "exp",
        ["Sqrt"] = "sqrt",
        ["Erf"] = "erf",
        ["Abs"] = "abs",
        ["Ceil"] = "ceil",
        ["Floor"] = "floor",
        ["Round"] = "round",
        ["Sign"] = "sign",
        ["Sin"] = "sin",
        ["Cos"] = "cos",
        ["Tan"] = "tan",
        ["Asin"] = "asin",
        ["Acos"] = "acos",
        ["Atan"] = "atan",
        ["Sinh"] = "sinh",
        ["Cosh"] = "cosh",
        ["Atanh"] = "atanh",
        ["Softplus"] = "softplus",
        ["Softsign"] = "softsign",
        ["Not"] = "logical_not",
    };

    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var result = context.OpType switch
        {
            "Relu" when !x.DataType.IsFloatType() => context.Op("maximum", new() { { "x", x }, { "y", context.Scalar(0, x, "zero") } }),
            "Log" => context.Op("log", new() { { "x", x }, { "epsilon", context.Scalar(0, x, "epsilon") } }),
            "Neg" => context.Op("mul", new() { { "x", x }, { "y", context.Scalar(-1, x, "minus_one") } }),
            "Reciprocal" => context.Op("real_div", new() { { "x", context.Scalar(1, x, "one") }, { "y", x } }),
            _ => context.Op(MilOps[context.OpType], new() { { "x", x } }),
        };
        context.SetOutput(0, result);
    }
}
