using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddSorting(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["topk"] = c =>
        {
            int[] shape = [.. c.Shape(0, 2), c.Dim(), .. c.Shape(0, 1)];
            var axis = c.Int(0, shape.Length - 1);
            var args = new Mil.Building.OpArgs
            {
                { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "k", c.Int(0, shape[axis]) },
                { "axis", c.Coin() ? axis - shape.Length : axis }, { "ascending", c.Coin() },
            };
            if (c.Coin(0.3))
            {
                args.Add("return_indices", false);
            }
            return c.B.Build("topk", args);
        };
        all["argsort"] = c =>
        {
            var shape = c.Shape(1, 3);
            return c.One("argsort", new() { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "axis", c.Int(-shape.Length, shape.Length - 1) }, { "ascending", c.Coin() } });
        };
        all["non_maximum_suppression"] = c =>
        {
            var (n, count, classes) = (c.Int(1, 2), c.Int(1, 6), c.Int(1, 3));
            return c.B.Build("non_maximum_suppression", new()
            {
                { "boxes", c.Data([n, count, 4], c.F, 0, 4) }, { "scores", c.Data([n, count, classes], c.F, 0, 1) },
                { "iou_threshold", c.Scalar(c.Int(0, 10) / 10.0) }, { "score_threshold", c.Scalar(c.Int(0, 5) / 10.0) },
                { "max_boxes", c.Int(1, count + 2) }, { "per_class_suppression", c.Coin() },
            });
        };
        all["cumsum"] = c =>
        {
            var shape = c.Shape(1, 3);
            return c.One("cumsum", new()
            {
                { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) }, { "axis", c.Int(-shape.Length, shape.Length - 1) },
                { "exclusive", c.Coin() }, { "reverse", c.Coin() },
            });
        };
    }
}
