using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// Seeded random FP32 programs over two inputs x, y [1, 4, 8]: chains of 6–12 steps drawn from linear layers, matmuls
/// (constant and variable operands), convs, the norms (also decomposed, as LayerNorm and RMSNorm tails), softmax, reductions, pooling, data movement, and elementwise
/// and activation ops with random parameters; every step keeps the [1, 4, 8] shape so any step can follow any other.
/// </summary>
internal static class RandomPrograms
{
    private delegate Value Step(MilBuilder b, Value x, Value y, Random r);

    private static readonly Step[] Steps =
    [
        (b, x, _, r) => b.Single("add", new() { { "x", x }, { "y", Weights(r, 2, 8) } }),
        (b, x, _, r) => b.Single("sub", new() { { "x", Weights(r, 2, 8) }, { "y", x } }),
        (b, x, _, r) => b.Single("mul", new() { { "x", x }, { "y", (float)((r.NextDouble() * 8) - 4) } }),
        (b, x, _, r) => b.Single("real_div", new() { { "x", x }, { "y", (float)(0.25 + (r.NextDouble() * 3)) } }),
        (b, x, y, _) => b.Single("mul", new() { { "x", x }, { "y", y } }),
        (b, x, y, _) => b.Single("add", new() { { "x", x }, { "y", y } }),
        (b, x, _, _) => b.Single("mul", new() { { "x", x }, { "y", x } }),
        (b, x, _, _) => b.Single("add", new() { { "x", x }, { "y", b.Single("sub", new() { { "x", x }, { "y", x } }) } }),
        (b, x, _, r) => b.Single(Pick(r, "relu", "sigmoid", "tanh", "silu", "softplus", "softsign", "erf", "atan", "sin", "cos", "abs", "relu6", "sinh", "floor", "round", "sign"), new() { { "x", x } }),
        (b, x, _, r) => b.Single("exp", new() { { "x", b.Single("clip", new() { { "x", x }, { "alpha", -8f }, { "beta", (float)(r.NextDouble() * 8) } }) } }),
        (b, x, _, r) => b.Single("gelu", new() { { "x", x }, { "mode", Pick(r, "EXACT", "TANH_APPROXIMATION", "SIGMOID_APPROXIMATION") } }),
        (b, x, _, r) => b.Single(Pick(r, "leaky_relu", "elu", "thresholded_relu"), new() { { "x", x }, { "alpha", (float)((r.NextDouble() * 2) - 0.5) } }),
        (b, x, _, r) => b.Single(Pick(r, "clip", "sigmoid_hard", "scaled_tanh", "linear_activation"), new() { { "x", x }, { "alpha", (float)((r.NextDouble() * 2) - 1) }, { "beta", (float)(r.NextDouble() * 2) } }),
        (b, x, _, _) => b.Single("sqrt", new() { { "x", b.Single("abs", new() { { "x", x } }) } }),
        (b, x, _, r) => b.Single(Pick(r, "log", "rsqrt"), new() { { "x", b.Single("abs", new() { { "x", x } }) }, { "epsilon", (float)(1e-3 + r.NextDouble()) } }),
        (b, x, _, r) => b.Single("pow", new() { { "x", b.Single("abs", new() { { "x", x } }) }, { "y", Pick(r, 0.5f, 2f, 3f, 1.5f) } }),
        (b, x, _, r) => b.Single("pow", new() { { "x", x }, { "y", Pick(r, 2f, 3f) } }),
        (b, x, _, r) => b.Single("linear", new() { { "x", x }, { "weight", Weights(r, 1, 8, 8) }, { "bias", Weights(r, 1, 8) } }),
        (b, x, _, r) => b.Single("matmul", new() { { "x", x }, { "y", Weights(r, 1, 8, 8) }, { "transpose_y", r.Next(2) == 0 } }),
        (b, x, _, r) => b.Single("matmul", new() { { "x", Weights(r, 1, 4, 4) }, { "y", x } }),
        (b, x, _, _) => b.Single("matmul", new() { { "x", b.Single("matmul", new() { { "x", x }, { "y", x }, { "transpose_y", true } }) }, { "y", x } }),
        (b, x, _, r) => b.Single("conv", new() { { "x", x }, { "weight", Weights(r, 1, 4, 4, 3) }, { "bias", Weights(r, 1, 4) }, { "pad_type", "custom" }, { "pad", new[] { 1, 1 } } }),
        (b, x, _, r) => b.Single("conv", new() { { "x", x }, { "weight", Weights(r, 1, 4, 1, 3) }, { "pad_type", "same" }, { "groups", 4 } }),
        (b, x, _, r) => b.Single("layer_norm", new() { { "x", x }, { "axes", new[] { -1 } }, { "gamma", Weights(r, 2, 8) }, { "beta", Weights(r, 1, 8) }, { "epsilon", (float)Math.Pow(10, -r.Next(1, 7)) } }),
        (b, x, _, r) => b.Single("instance_norm", new() { { "x", x }, { "gamma", Weights(r, 2, 4) }, { "beta", Weights(r, 1, 4) } }),
        (b, x, _, r) => b.Single("batch_norm", new() { { "x", x }, { "mean", Weights(r, 1, 4) }, { "variance", Positive(r, 4) }, { "gamma", Weights(r, 2, 4) }, { "beta", Weights(r, 1, 4) } }),
        (b, x, _, r) => b.Single("softmax", new() { { "x", x }, { "axis", Pick(r, -1, 1) } }),
        (b, x, _, r) => b.Single("add", new() { { "x", x }, { "y", b.Single(Pick(r, "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_l2_norm", "reduce_sum_square", "reduce_log_sum_exp"), new() { { "x", x }, { "axes", new[] { -1 } }, { "keep_dims", true } }) } }),
        (b, x, _, r) => b.Single(Pick(r, "avg_pool", "max_pool"), new() { { "x", x }, { "kernel_sizes", new[] { 3 } }, { "strides", new[] { 1 } }, { "pad_type", "same" } }),
        (b, x, _, _) => b.Single("transpose", new() { { "x", b.Single("reshape", new() { { "x", b.Single("transpose", new() { { "x", x }, { "perm", new[] { 0, 2, 1 } } }) }, { "shape", new[] { 1, 8, 4 } } }) }, { "perm", new[] { 0, 2, 1 } } }),
        (b, x, y, _) => b.Single("slice_by_size", new() { { "x", b.Single("concat", new() { { "values", new[] { x, y } }, { "axis", 2 } }) }, { "begin", new[] { 0, 0, 4 } }, { "size", new[] { 1, 4, 8 } } }),
        (b, x, y, r) => b.Single(Pick(r, "maximum", "minimum"), new() { { "x", x }, { "y", y } }),
        (b, x, y, _) => b.Single("select", new() { { "cond", b.Single("greater", new() { { "x", x }, { "y", y } }) }, { "a", x }, { "b", y } }),
        (b, x, _, _) => b.Single("cast", new() { { "x", b.Single("cast", new() { { "x", x }, { "dtype", "int32" } }) }, { "dtype", "fp32" } }),
        (b, x, _, _) => b.Single("cumsum", new() { { "x", x }, { "axis", 2 } }),
        (b, x, _, r) =>
        {
            var d = b.Single("sub", new() { { "x", x }, { "y", b.Single("reduce_mean", new() { { "x", x }, { "axes", new[] { -1 } }, { "keep_dims", true } }) } });
            var v = b.Single("reduce_mean", new() { { "x", b.Single("mul", new() { { "x", d }, { "y", d } }) }, { "axes", new[] { -1 } }, { "keep_dims", true } });
            return b.Single("real_div", new() { { "x", d }, { "y", b.Single("sqrt", new() { { "x", b.Single("add", new() { { "x", v }, { "y", (float)Math.Pow(10, -r.Next(1, 8)) } }) } }) } });
        },
        (b, x, _, r) =>
        {
            var v = b.Single("reduce_mean", new() { { "x", b.Single("square", new() { { "x", x } }) }, { "axes", new[] { 1, 2 } }, { "keep_dims", true } });
            return b.Single("mul", new() { { "x", x }, { "y", b.Single("rsqrt", new() { { "x", v }, { "epsilon", (float)Math.Pow(10, -r.Next(1, 8)) } }) } });
        },
    ];

    /// <summary>A program and its input ranges (each input's range is random, sometimes one-signed, sometimes wide).</summary>
    public static (MilProgram Program, InputOverrides Ranges) Make(int seed)
    {
        var r = new Random(seed);
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4, 8));
        var y = program.Main.AddInput("y", TensorType.Of(DataType.Float32, 1, 4, 8));
        var b = new MilBuilder(program.Main.Body);
        var current = x;
        var steps = 6 + r.Next(7);
        for (var i = 0; i < steps; i++)
        {
            current = Steps[r.Next(Steps.Length)](b, current, y, r);
        }
        program.Main.Body.AddOutput(current);
        return (program, new InputOverrides
        {
            Ranges = new Dictionary<string, InputRange> { ["x"] = RandomRange(r), ["y"] = RandomRange(r) },
        });
    }

    private static InputRange RandomRange(Random r)
    {
        var a = Math.Round((r.NextDouble() * 6) - 3, 2);
        var width = Math.Round(r.NextDouble() * Pick(r, 0.5, 2, 6), 2);
        return new InputRange(a, a + width);
    }

    private static T Pick<T>(Random r, params T[] options) => options[r.Next(options.Length)];

    private static Tensor Weights(Random r, double scale, params int[] shape) =>
        Tensor.Create([.. Enumerable.Range(0, Broadcasting.Product(shape)).Select(_ => (float)(((r.NextDouble() * 2) - 1) * scale))], shape);

    private static Tensor Positive(Random r, int n) => Tensor.Create([.. Enumerable.Range(0, n).Select(_ => (float)(0.1 + r.NextDouble()))], n);
}
