using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddSlidingWindows(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all) =>
        all["sliding_windows"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var axis = c.Int(0, shape.Length - 1);
            var args = new OpArgs
            {
                { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) },
                { "axis", c.Coin() ? axis - shape.Length : axis },
                { "size", c.Int(1, shape[axis]) },
            };
            if (c.Coin())
            {
                args.Add("stride", c.Int(1, 3));
            }
            return c.One("sliding_windows", args);
        };
}
