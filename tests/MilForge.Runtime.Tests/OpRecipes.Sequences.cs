using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddSequences(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["reverse_sequence"] = c =>
        {
            var shape = c.Shape(2, 4);
            var axes = Enumerable.Range(0, shape.Length).OrderBy(_ => c.R.Next()).Take(2).ToArray();
            var lengths = Enumerable.Range(0, shape[axes[1]]).Select(_ => c.Int(0, shape[axes[0]])).ToArray();
            return c.One("reverse_sequence", new()
            {
                { "x", c.Data(shape, c.Pick(c.F, DataType.Int32, DataType.Bool)) },
                { "lengths", lengths },
                { "seq_axis", c.Coin() ? axes[0] - shape.Length : axes[0] },
                { "batch_axis", axes[1] },
            });
        };
        all["band_part"] = c => c.One("band_part", new()
        {
            { "x", c.Data(c.Shape(2, 4), c.Pick(c.F, DataType.Int32, DataType.Bool)) },
            { "lower", c.Int(-2, 3) },
            { "upper", c.Int(-2, 3) },
        });
    }
}
