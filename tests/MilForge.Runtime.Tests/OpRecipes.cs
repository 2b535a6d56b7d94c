using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

/// <summary>One builder recipe per op type with a kernel: a small random valid instance of the op.</summary>
internal static partial class OpRecipes
{
    private static readonly string[] FloatUnary = ["relu", "relu6", "sigmoid", "tanh", "silu", "softplus", "softsign", "exp", "exp2",
        "sqrt", "erf", "ceil", "floor", "round", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "atanh", "log", "rsqrt", "inverse"];

    private static readonly string[] NumericUnary = ["abs", "sign", "square"];

    private static readonly string[] Arithmetic = ["add", "sub", "mul", "real_div", "floor_div", "mod", "pow", "maximum", "minimum"];

    private static readonly string[] Comparisons = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"];

    private static readonly string[] Parametric = ["leaky_relu", "elu", "thresholded_relu", "sigmoid_hard", "clip", "linear_activation", "scaled_tanh"];

    private static readonly string[] Reductions = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_l1_norm",
        "reduce_l2_norm", "reduce_sum_square", "reduce_log_sum", "reduce_log_sum_exp"];

    /// <summary>Recipes by op type.</summary>
    public static IReadOnlyDictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> All { get; } = Build();

    private static Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> Build()
    {
        var all = new Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>>(StringComparer.Ordinal);
        foreach (var op in FloatUnary)
        {
            all[op] = c => c.One(op, new() { { "x", c.Data(c.Shape(0, 4)) } });
        }
        foreach (var op in NumericUnary)
        {
            all[op] = c => c.One(op, new() { { "x", c.Data(c.Shape(0, 4), c.Pick(c.F, DataType.Int32)) } });
        }
        foreach (var op in Arithmetic.Concat(Comparisons))
        {
            all[op] = c =>
            {
                var shape = c.Shape(0, 4);
                var type = c.Pick(c.F, DataType.Int32);
                return c.One(op, new() { { "x", c.Data(c.BroadcastFrom(shape), type, 0.5, 3) }, { "y", c.Data(c.BroadcastFrom(shape), type, 0.5, 3) } });
            };
        }
        foreach (var op in new[] { "logical_and", "logical_or", "logical_xor" })
        {
            all[op] = c =>
            {
                var shape = c.Shape(0, 3);
                return c.One(op, new() { { "x", c.Data(c.BroadcastFrom(shape), DataType.Bool) }, { "y", c.Data(c.BroadcastFrom(shape), DataType.Bool) } });
            };
        }
        all["logical_not"] = c => c.One("logical_not", new() { { "x", c.Data(c.Shape(0, 3), DataType.Bool) } });
        all["select"] = c =>
        {
            var shape = c.Shape(0, 4);
            var type = c.Pick(c.F, DataType.Int32, DataType.Bool);
            return c.One("select", new() { { "cond", c.Data(c.BroadcastFrom(shape), DataType.Bool) }, { "a", c.Data(c.BroadcastFrom(shape), type) }, { "b", c.Data(c.BroadcastFrom(shape), type) } });
        };
        all["cast"] = c => c.One("cast", new() { { "x", c.Data(c.Shape(0, 3), c.Pick(c.F, DataType.Int32, DataType.Bool), -300, 300) }, { "dtype", c.Pick("int32", "fp16", "fp32", "bool", "int8", "uint8", "int16", "uint16") } });
        all["identity"] = c => c.One("identity", new() { { "x", c.Data(c.Shape(0, 3), c.Pick(c.F, DataType.Int32, DataType.Bool)) } });
        foreach (var op in Parametric)
        {
            all[op] = c =>
            {
                var args = new OpArgs { { "x", c.Data(c.Shape(0, 3)) } };
                if (op is "clip" or "linear_activation" || c.Coin())
                {
                    args.Add("alpha", c.Scalar(op == "clip" ? -0.5 : 0.7));
                }
                if (op is "clip" || (op is "sigmoid_hard" or "linear_activation" or "scaled_tanh" && c.Coin()))
                {
                    args.Add("beta", c.Scalar(0.8));
                }
                return c.One(op, args);
            };
        }
        all["gelu"] = c => c.One("gelu", new() { { "x", c.Data(c.Shape(0, 3)) }, { "mode", c.Pick("EXACT", "TANH_APPROXIMATION", "SIGMOID_APPROXIMATION") } });
        all["prelu"] = c =>
        {
            var shape = c.Shape(3, 4);
            return c.One("prelu", new() { { "x", c.Data(shape) }, { "alpha", c.Weights(shape[1]) } });
        };
        all["softmax"] = c =>
        {
            var shape = c.Shape(1, 4);
            return c.One("softmax", new() { { "x", c.Data(shape) }, { "axis", c.Int(-shape.Length, shape.Length - 1) } });
        };
        foreach (var op in Reductions)
        {
            all[op] = c =>
            {
                var shape = c.Shape(0, 4);
                var args = new OpArgs { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32), 0.5, 2) }, { "keep_dims", c.Coin() } };
                if (c.Coin(0.7))
                {
                    args.Add("axes", Enumerable.Range(0, shape.Length).Where(_ => c.Coin()).Select(a => c.Coin() ? a - shape.Length : a).ToArray());
                }
                return c.One(op, args);
            };
        }
        foreach (var op in new[] { "reduce_argmax", "reduce_argmin" })
        {
            all[op] = c =>
            {
                int[] shape = [.. c.Shape(0, 3), c.Dim(zero: false)];
                return c.One(op, new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "axis", c.Int(-shape.Length, shape.Length - 1) }, { "keep_dims", c.Coin() } });
            };
        }
        AddLinearAlgebra(all);
        AddWindows(all);
        AddShapes(all);
        AddIndexing(all);
        AddSorting(all);
        AddScatterGather(all);
        AddOneHot(all);
        AddRecurrent(all);
        AddImage(all);
        AddQuantization(all);
        AddSequences(all);
        AddRearrange(all);
        AddMoreActivations(all);
        AddLikeOps(all);
        AddSliceUpdate(all);
        AddSlidingWindows(all);
        AddAttention(all);
        return all;
    }
}
