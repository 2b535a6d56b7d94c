using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary>
/// Unary elementwise ops. Float inputs are computed in double and rounded once to the output type, so each result
/// is the correctly rounded (fp32) or nearest-binary16 (fp16) value of the exact function where double allows; ops
/// whose result is one of their operands (relu, relu6, abs) compute in float, which gives the same values.
/// </summary>
internal sealed class UnaryKernel : IKernel
{
    private static readonly Dictionary<string, Func<double, double>> Functions = new()
    {
        ["sigmoid"] = x => 1 / (1 + Math.Exp(-x)),
        ["tanh"] = Math.Tanh,
        ["silu"] = x => x / (1 + Math.Exp(-x)),
        ["softplus"] = x => x > 30 ? x : Math.Log(1 + Math.Exp(x)),
        ["softsign"] = x => x / (1 + Math.Abs(x)),
        ["exp"] = Math.Exp,
        ["exp2"] = x => Math.Pow(2, x),
        ["sqrt"] = Math.Sqrt,
        ["erf"] = ErfMath.Erf,
        ["ceil"] = Math.Ceiling,
        ["floor"] = Math.Floor,
        ["round"] = x => Math.Round(x, MidpointRounding.ToEven),
        ["sin"] = Math.Sin,
        ["cos"] = Math.Cos,
        ["tan"] = Math.Tan,
        ["asin"] = Math.Asin,
        ["acos"] = Math.Acos,
        ["atan"] = Math.Atan,
        ["sinh"] = Math.Sinh,
        ["cosh"] = Math.Cosh,
        ["atanh"] = Math.Atanh,
        ["sign"] = x => double.IsNaN(x) ? x : Math.Sign(x),
        ["square"] = x => x * x,
    };

    /// <summary>Functions whose result is one of their operands (or zero): float gives exactly what double gives.</summary>
    private static readonly Dictionary<string, Func<float, float>> ExactInFloat = new()
    {
        ["relu"] = x => x > 0 ? x : (float.IsNaN(x) ? x : 0),
        ["relu6"] = x => float.IsNaN(x) ? x : MathF.Min(MathF.Max(x, 0), 6),
        ["abs"] = MathF.Abs,
    };

    private static readonly Dictionary<string, Func<long, long>> IntegerFunctions = new()
    {
        ["abs"] = x => Math.Abs(x),
        ["sign"] = x => Math.Sign(x),
        ["square"] = x => x * x,
    };

    public IEnumerable<string> OpTypes => [.. Functions.Keys, .. ExactInFloat.Keys, "logical_not"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        var type = context.Op.Type;
        if (type == "logical_not")
        {
            return [Tensor.Create(x.Storage<bool>().Select(b => !b).ToArray(), shape)];
        }
        if (!x.DataType.IsFloat())
        {
            var g = IntegerFunctions.TryGetValue(type, out var fi) ? fi : throw context.Error($"{x.DataType.MilName()} input is not supported");
            return [Tensor.FromLongs([.. x.AsLongs().Select(g)], shape, context.OutputType())];
        }
        var input = x.AsFloats();
        if (ExactInFloat.TryGetValue(type, out var exact))
        {
            var floats = new float[input.Length];
            for (var i = 0; i < input.Length; i++)
            {
                floats[i] = exact(input[i]);
            }
            return [context.Output(floats, shape)];
        }
        var f = Functions[type];
        var result = new double[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            result[i] = f(input[i]);
        }
        return [context.Output(result, shape)];
    }
}
