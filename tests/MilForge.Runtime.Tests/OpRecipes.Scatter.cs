using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static readonly string[] ScatterModes = ["update", "add", "sub", "mul", "div", "max", "min"];

    private static void AddScatterGather(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["gather_nd"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var batchDims = shape.Length > 1 && c.Coin(0.3) ? 1 : 0;
            var depth = c.Int(1, shape.Length - batchDims);
            int[] indexShape = [.. shape.Take(batchDims), .. c.Shape(0, 2), depth];
            var args = new OpArgs { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "indices", c.H.In(Tuples(c, indexShape, shape, batchDims)) } };
            if (batchDims > 0)
            {
                args.Add("batch_dims", batchDims);
            }
            return c.One("gather_nd", args);
        };
        all["scatter_nd"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var depth = c.Int(1, shape.Length);
            int[] indexShape = [.. c.Shape(0, 2), depth];
            int[] updateShape = [.. indexShape.Take(indexShape.Length - 1), .. shape.Skip(depth)];
            return Scatter(c, "scatter_nd", shape, Tuples(c, indexShape, shape, 0), updateShape, null);
        };
        all["scatter"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var axis = c.Int(0, shape.Length - 1);
            var indices = TestTensors.Longs(c.R.Next(), [c.Dim()], -shape[axis], shape[axis]).CastTo(DataType.Int32);
            int[] updateShape = [.. shape.Take(axis), indices.Shape[0], .. shape.Skip(axis + 1)];
            return Scatter(c, "scatter", shape, indices, updateShape, c.Coin() ? axis - shape.Length : axis);
        };
        all["scatter_along_axis"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var axis = c.Int(0, shape.Length - 1);
            var indexShape = shape.Select((d, i) => i == axis ? c.Dim() : d).ToArray();
            var indices = TestTensors.Longs(c.R.Next(), indexShape, -shape[axis], shape[axis]).CastTo(DataType.Int32);
            return Scatter(c, "scatter_along_axis", shape, indices, indexShape, axis);
        };
    }

    // Index tuples for the dims after batchDims, each in [-dim, dim).
    private static Tensor Tuples(RecipeContext c, int[] indexShape, int[] shape, int batchDims)
    {
        var depth = indexShape[^1];
        var values = new int[Reference.Count(indexShape)];
        for (var i = 0; i < values.Length; i++)
        {
            var dim = shape[batchDims + (i % depth)];
            values[i] = c.Int(-dim, dim - 1);
        }
        return Tensor.Create(values, indexShape);
    }

    private static IReadOnlyList<Value> Scatter(RecipeContext c, string op, int[] shape, Tensor indices, int[] updateShape, int? axis)
    {
        var type = c.Pick(c.F, DataType.Int32);
        var mode = c.Pick(ScatterModes);
        // Integer div needs non-zero divisors.
        var args = new OpArgs
        {
            { "data", c.Data(shape, type) }, { "indices", c.H.In(indices) }, { "updates", c.Data(updateShape, type, 1, 3) }, { "mode", mode },
        };
        if (axis is { } a)
        {
            args.Add("axis", a);
        }
        return c.One(op, args);
    }
}
