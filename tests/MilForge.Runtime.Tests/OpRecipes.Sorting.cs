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
