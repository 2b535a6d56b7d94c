using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddShapes(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["reshape"] = c =>
        {
            var shape = c.Shape(0, 4, zero: false);
            var target = Factor(c, Reference.Count(shape));
            if (target.Length > 0 && c.Coin())
            {
                target[c.Int(0, target.Length - 1)] = -1;
            }
            for (var i = 0; i < Math.Min(shape.Length, target.Length); i++)
            {
                target[i] = target[i] == shape[i] && c.Coin() ? 0 : target[i];
            }
            return c.One("reshape", new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "shape", target } });
        };
        all["squeeze"] = c =>
        {
            var shape = c.Shape(0, 4).Select(d => c.Coin() ? 1 : d).ToArray();
            var ones = Enumerable.Range(0, shape.Length).Where(i => shape[i] == 1).ToArray();
            var args = new Mil.Building.OpArgs { { "x", c.Data(shape) } };
            if (c.Coin())
            {
                args.Add("axes", ones.Where(_ => c.Coin()).Select(a => c.Coin() ? a - shape.Length : a).ToArray());
            }
            return c.One("squeeze", args);
        };
        all["expand_dims"] = c =>
        {
            var shape = c.Shape(0, 3);
            var rank = shape.Length + c.Int(1, 2);
            var axes = Enumerable.Range(0, rank).OrderBy(_ => c.R.Next()).Take(rank - shape.Length).Select(a => c.Coin() ? a - rank : a).ToArray();
            return c.One("expand_dims", new() { { "x", c.Data(shape) }, { "axes", axes } });
        };
        all["flatten2d"] = c =>
        {
            var shape = c.Shape(0, 4);
            return c.One("flatten2d", new() { { "x", c.Data(shape) }, { "axis", c.Int(-shape.Length, shape.Length) } });
        };
        all["shape"] = c => c.One("shape", new() { { "x", c.Data(c.Shape(0, 4), c.Pick(c.F, DataType.Bool)) } });
        all["transpose"] = c =>
        {
            var shape = c.Shape(0, 4);
            var perm = Enumerable.Range(0, shape.Length).OrderBy(_ => c.R.Next()).ToArray();
            return c.One("transpose", new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32, DataType.Bool)) }, { "perm", perm } });
        };
        all["fill"] = c => c.One("fill", new() { { "shape", c.Shape(0, 3) }, { "value", c.Pick<Mil.Building.Arg>(1.5f, 3, true, c.Scalar(-2)) } });
        all["tile"] = c =>
        {
            var shape = c.Shape(0, 3);
            return c.One("tile", new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "reps", shape.Select(_ => c.Int(0, 3)).ToArray() } });
        };
        all["pad"] = c =>
        {
            var shape = c.Shape(1, 3);
            var mode = c.Pick("constant", "reflect", "replicate");
            var padded = c.Int(1, shape.Length);
            var pad = Enumerable.Range(0, 2 * padded).Select(i =>
            {
                var dim = shape[shape.Length - padded + (i / 2)];
                return mode == "constant" ? c.Int(0, 3) : dim == 0 ? 0 : c.Int(0, mode == "reflect" ? dim - 1 : 3);
            }).ToArray();
            return c.One("pad", new() { { "x", c.Data(shape) }, { "pad", pad }, { "mode", mode }, { "constant_val", c.Scalar(0.25) } });
        };
        all["range_1d"] = c =>
        {
            var (start, step) = (c.Int(-5, 5), c.Pick(-3, -1, 1, 2));
            var end = start + (step * c.Int(-1, 6)) + c.Int(0, 1);
            return c.Coin()
                ? c.One("range_1d", new() { { "end", end }, { "start", start }, { "step", step } })
                : c.One("range_1d", new() { { "end", c.Scalar(end + 0.5) }, { "start", c.Scalar(start) }, { "step", c.Scalar(step * 0.75) } });
        };
        all["pixel_shuffle"] = c =>
        {
            var f = c.Int(1, 3);
            return c.One("pixel_shuffle", new() { { "x", c.Data([c.Int(1, 2), f * f * c.Int(1, 2), c.Int(1, 3), c.Int(1, 3)]) }, { "upscale_factor", f } });
        };
        all["pixel_unshuffle"] = c =>
        {
            var f = c.Int(1, 3);
            return c.One("pixel_unshuffle", new() { { "x", c.Data([c.Int(1, 2), c.Int(1, 2), f * c.Int(1, 2), f * c.Int(1, 2)]) }, { "downscale_factor", Tensor.Scalar((uint)f) } });
        };
    }

    /// <summary>A random factorization of <paramref name="count"/> into 0–4 dims (count 1 may give rank 0).</summary>
    private static int[] Factor(RecipeContext c, int count)
    {
        var dims = new List<int>();
        var rest = count;
        for (var d = 2; d <= rest; d++)
        {
            while (rest % d == 0 && c.Coin(0.7))
            {
                dims.Add(d);
                rest /= d;
            }
        }
        if (rest > 1)
        {
            dims.Add(rest);
        }
        while (dims.Count > 4)
        {
            dims[0] *= dims[^1];
            dims.RemoveAt(dims.Count - 1);
        }
        if (c.Coin(0.3))
        {
            dims.Insert(c.Int(0, dims.Count), 1);
        }
        return [.. dims.OrderBy(_ => c.R.Next())];
    }
}
