using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddLinearAlgebra(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["matmul"] = c =>
        {
            var (m, k, n) = (c.Dim(), c.Dim(), c.Dim());
            var batch = c.Shape(0, 2);
            var (tx, ty) = (c.Coin(), c.Coin());
            int[] x = c.Coin(0.2) ? [k] : [.. c.BroadcastFrom(batch), .. tx ? new[] { k, m } : [m, k]];
            int[] y = c.Coin(0.2) ? [k] : [.. c.BroadcastFrom(batch), .. ty ? new[] { n, k } : [k, n]];
            var type = c.Pick(c.F, DataType.Int32);
            return c.One("matmul", new() { { "x", c.Data(x, type) }, { "y", c.Data(y, type) }, { "transpose_x", tx }, { "transpose_y", ty } });
        };
        all["linear"] = c =>
        {
            var (din, dout) = (c.Dim(), c.Dim());
            var args = new OpArgs { { "x", c.Data([.. c.Shape(0, 2), din]) }, { "weight", c.Weights(dout, din) } };
            if (c.Coin())
            {
                args.Add("bias", c.Weights(dout));
            }
            return c.One("linear", args);
        };
        all["batch_norm"] = c =>
        {
            var shape = c.Shape(3, 5);
            var ch = shape[1];
            var args = new OpArgs { { "x", c.Data(shape) }, { "mean", c.Weights(ch) }, { "variance", Tensor.FromDoubles(Enumerable.Repeat(0.5, ch).ToArray(), [ch], c.F) } };
            if (c.Coin())
            {
                args.Add("gamma", c.Weights(ch));
                args.Add("beta", c.Weights(ch));
            }
            return c.One("batch_norm", args);
        };
        all["layer_norm"] = c =>
        {
            var shape = c.Shape(1, 4);
            var axes = Enumerable.Range(0, shape.Length).Where(_ => c.Coin()).DefaultIfEmpty(shape.Length - 1).ToArray();
            var args = new OpArgs { { "x", c.Data(shape) }, { "axes", axes } };
            if (c.Coin())
            {
                args.Add("gamma", c.Weights([.. axes.Select(a => shape[a])]));
            }
            return c.One("layer_norm", args);
        };
        all["instance_norm"] = c =>
        {
            var shape = c.Shape(3, 4);
            var args = new OpArgs { { "x", c.Data(shape) } };
            if (c.Coin())
            {
                args.Add("gamma", c.Weights(shape[1]));
                args.Add("beta", c.Weights(shape[1]));
            }
            return c.One("instance_norm", args);
        };
    }

    private static void AddWindows(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["conv"] = c =>
        {
            var s = c.Int(1, 3);
            var groups = c.Int(1, 2);
            var (cinPerGroup, coutPerGroup) = (c.Int(0, 2), c.Int(0, 2));
            var kernel = Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray();
            var dilations = Enumerable.Range(0, s).Select(_ => c.Int(1, 2)).ToArray();
            var strides = Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray();
            var padType = c.Pick("valid", "same", "same_lower", "custom");
            var pad = Enumerable.Range(0, 2 * s).Select(_ => padType == "custom" ? c.Int(0, 2) : 0).ToArray();
            var spatial = kernel.Select((k, i) => ((k - 1) * dilations[i]) + 1 + c.Int(0, 4)).ToArray();
            var args = new OpArgs
            {
                { "x", c.Data([c.Int(0, 2), groups * cinPerGroup, .. spatial]) }, { "weight", c.Weights([groups * coutPerGroup, cinPerGroup, .. kernel]) },
                { "strides", strides }, { "dilations", dilations }, { "pad_type", padType }, { "pad", pad }, { "groups", groups },
            };
            if (c.Coin())
            {
                args.Add("bias", c.Weights(groups * coutPerGroup));
            }
            return c.One("conv", args);
        };
        foreach (var op in new[] { "max_pool", "avg_pool", "l2_pool" })
        {
            all[op] = c =>
            {
                var s = c.Int(1, 3);
                var kernel = Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray();
                var padType = c.Pick("valid", "same", "same_lower", "custom");
                var pad = Enumerable.Range(0, 2 * s).Select(i => padType == "custom" ? c.Int(0, kernel[i / 2] - 1) : 0).ToArray();
                var args = new OpArgs
                {
                    { "x", c.Data([c.Int(0, 2), c.Dim(), .. kernel.Select(k => k + c.Int(0, 4))]) }, { "kernel_sizes", kernel },
                    { "strides", Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray() }, { "pad_type", padType }, { "pad", pad },
                    { "ceil_mode", c.Coin() },
                };
                if (op == "avg_pool")
                {
                    args.Add("exclude_padding_from_average", c.Coin());
                }
                return c.One(op, args);
            };
        }
    }
}
