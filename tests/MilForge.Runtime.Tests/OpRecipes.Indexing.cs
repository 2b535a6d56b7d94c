using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddIndexing(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["concat"] = c =>
        {
            var shape = c.Shape(1, 3);
            var axis = c.Int(0, shape.Length - 1);
            var interleave = c.Coin(0.3);
            var type = c.Pick(c.F, DataType.Int32, DataType.Bool);
            var values = Enumerable.Range(0, c.Int(1, 3)).Select(_ =>
            {
                var s = shape.ToArray();
                s[axis] = interleave ? shape[axis] : c.Dim(0);
                return c.Data(s, type);
            }).ToArray();
            return c.One("concat", new() { { "values", values }, { "axis", c.Coin() ? axis - shape.Length : axis }, { "interleave", interleave } });
        };
        all["stack"] = c =>
        {
            var shape = c.Shape(0, 3);
            var values = Enumerable.Range(0, c.Int(1, 3)).Select(_ => c.Data(shape)).ToArray();
            return c.One("stack", new() { { "values", values }, { "axis", c.Int(-shape.Length - 1, shape.Length) } });
        };
        all["split"] = c =>
        {
            var shape = c.Shape(1, 3);
            var axis = c.Int(0, shape.Length - 1);
            var args = new OpArgs { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "axis", axis } };
            if (c.Coin())
            {
                var sizes = new List<int>();
                var rest = shape[axis];
                while (rest > 0 || sizes.Count == 0)
                {
                    var take = sizes.Count >= 3 ? rest : c.Int(0, rest);
                    sizes.Add(take);
                    rest -= take;
                }
                args.Add("split_sizes", sizes.ToArray());
            }
            else
            {
                var divisors = Enumerable.Range(1, Math.Max(1, shape[axis])).Where(n => shape[axis] % n == 0).ToArray();
                args.Add("num_splits", c.Pick(divisors));
            }
            return c.B.Build("split", args);
        };
        all["gather"] = c =>
        {
            int[] shape = [.. c.Shape(0, 2), c.Dim(zero: false), .. c.Shape(0, 1)];
            var axis = c.Int(0, shape.Length - 1);
            while (shape[axis] == 0)
            {
                axis = c.Int(0, shape.Length - 1);
            }
            var indexShape = c.Shape(0, 2);
            var indices = TestTensors.Longs(c.R.Next(), indexShape, -shape[axis], shape[axis]).CastTo(c.Pick(DataType.Int32, DataType.Int64));
            return c.One("gather", new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "indices", c.H.In(indices) }, { "axis", c.Coin() ? axis - shape.Length : axis } });
        };
        all["gather_along_axis"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var axis = c.Int(0, shape.Length - 1);
            var indexShape = shape.Select((d, i) => i == axis ? c.Dim() : c.Int(0, d)).ToArray();
            var indices = TestTensors.Longs(c.R.Next(), indexShape, -shape[axis], shape[axis]).CastTo(DataType.Int32);
            return c.One("gather_along_axis", new() { { "x", c.Data(shape) }, { "indices", c.H.In(indices) }, { "axis", axis } });
        };
        all["slice_by_index"] = c =>
        {
            var shape = c.Shape(1, 3);
            var rank = shape.Length;
            var stride = shape.Select(_ => c.Pick(-2, -1, 1, 1, 2, 3)).ToArray();
            var squeeze = shape.Select(d => d > 0 && c.Coin(0.2)).ToArray();
            var begin = shape.Select(d => c.Int(-d - 1, d + 1)).ToArray();
            for (var i = 0; i < rank; i++)
            {
                begin[i] = squeeze[i] ? c.Int(-shape[i], shape[i] - 1) : begin[i];
            }
            return c.One("slice_by_index", new()
            {
                { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "begin", begin }, { "end", shape.Select(d => c.Int(-d - 1, d + 1)).ToArray() },
                { "stride", stride }, { "begin_mask", shape.Select(_ => c.Coin(0.3)).ToArray() }, { "end_mask", shape.Select(_ => c.Coin(0.3)).ToArray() },
                { "squeeze_mask", squeeze },
            });
        };
        all["slice_by_size"] = c =>
        {
            var shape = c.Shape(1, 3);
            var begin = shape.Select(d => c.Int(0, d)).ToArray();
            var size = shape.Select((d, i) => c.Coin(0.3) ? -1 : c.Int(0, d - begin[i])).ToArray();
            return c.One("slice_by_size", new() { { "x", c.Data(shape) }, { "begin", begin.Select((b, i) => c.Coin() && b < shape[i] ? b - shape[i] : b).ToArray() }, { "size", size } });
        };
    }
}
