using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary>
/// Binary elementwise ops with NumPy broadcasting. Float inputs are combined in double and rounded once to the
/// output type: for +, −, ×, ÷ that is exactly the IEEE result of the output type (binary32, or binary16 in FP16 ops).
/// Integer inputs compute in 64 bits and wrap to the output type.
/// </summary>
internal sealed class BinaryKernel : IKernel
{
    private static readonly Dictionary<string, Func<double, double, double>> FloatOps = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["real_div"] = (a, b) => a / b,
        ["floor_div"] = (a, b) => Math.Floor(a / b),
        ["mod"] = (a, b) => a - (Math.Floor(a / b) * b),
        ["pow"] = Math.Pow,
        ["maximum"] = (a, b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b),
        ["minimum"] = (a, b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b),
    };

    private static readonly Dictionary<string, Func<long, long, long>> IntegerOps = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["real_div"] = (a, b) => b == 0 ? 0 : a / b,
        ["floor_div"] = (a, b) => b == 0 ? 0 : (long)Math.Floor((double)a / b),
        ["mod"] = (a, b) => b == 0 ? 0 : ((a % b) + b) % b,
        ["pow"] = (a, b) => (long)Math.Pow(a, b),
        ["maximum"] = Math.Max,
        ["minimum"] = Math.Min,
    };

    private static readonly Dictionary<string, Func<double, double, bool>> Comparisons = new()
    {
        ["equal"] = (a, b) => a == b,
        ["not_equal"] = (a, b) => a != b,
        ["less"] = (a, b) => a < b,
        ["less_equal"] = (a, b) => a <= b,
        ["greater"] = (a, b) => a > b,
        ["greater_equal"] = (a, b) => a >= b,
        ["logical_and"] = (a, b) => a != 0 && b != 0,
        ["logical_or"] = (a, b) => a != 0 || b != 0,
        ["logical_xor"] = (a, b) => (a != 0) ^ (b != 0),
    };

    public IEnumerable<string> OpTypes => [.. FloatOps.Keys, .. Comparisons.Keys];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var y = context.Input("y");
        var shape = Broadcasting.TryBroadcast(x.Shape.AsSpan(), y.Shape.AsSpan())
            ?? throw context.Error($"shapes [{string.Join(",", x.Shape)}] and [{string.Join(",", y.Shape)}] do not broadcast");
        var n = Broadcasting.Product(shape);
        var xi = x.Shape.AsSpan().SequenceEqual(shape) ? null : Broadcasting.IndexMap(x.Shape.AsSpan(), shape);
        var yi = y.Shape.AsSpan().SequenceEqual(shape) ? null : Broadcasting.IndexMap(y.Shape.AsSpan(), shape);
        var type = context.Op.Type;
        if (Comparisons.TryGetValue(type, out var compare))
        {
            var result = new bool[n];
            if (x.DataType.IsFloat())
            {
                var a = x.AsFloats();
                var b = y.AsFloats();
                for (var i = 0; i < n; i++)
                {
                    result[i] = compare(a[xi?[i] ?? i], b[yi?[i] ?? i]);
                }
            }
            else
            {
                var a = x.AsLongs();
                var b = y.AsLongs();
                for (var i = 0; i < n; i++)
                {
                    var (p, q) = (a[xi?[i] ?? i], b[yi?[i] ?? i]);
                    result[i] = type is "equal" or "not_equal" or "less" or "less_equal" or "greater" or "greater_equal"
                        ? compare(p.CompareTo(q), 0) : compare(p, q);
                }
            }
            return [Tensor.Create(result, shape)];
        }
        if (!x.DataType.IsFloat())
        {
            var f = IntegerOps[type];
            var a = x.AsLongs();
            var b = y.AsLongs();
            var result = new long[n];
            for (var i = 0; i < n; i++)
            {
                result[i] = f(a[xi?[i] ?? i], b[yi?[i] ?? i]);
            }
            return [Tensor.FromLongs(result, shape, context.OutputType())];
        }
        var op = FloatOps[type];
        var fa = x.AsFloats();
        var fb = y.AsFloats();
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = op(fa[xi?[i] ?? i], fb[yi?[i] ?? i]);
        }
        return [context.Output(values, shape)];
    }
}
