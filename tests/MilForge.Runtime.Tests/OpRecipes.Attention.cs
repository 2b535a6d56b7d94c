using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddAttention(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all) =>
        all["scaled_dot_product_attention"] = c =>
        {
            var batch = c.Shape(1, 2);
            var (l, s, e, ev) = (c.Dim(), c.Dim(), c.Dim(), c.Dim());
            var args = new OpArgs
            {
                { "query", c.Data([.. batch, l, e]) },
                { "key", c.Data([.. batch, s, e]) },
                { "value", c.Data([.. batch, s, ev]) },
            };
            if (c.Coin(0.7))
            {
                // A mask of [L, S] or [B…, L, S], possibly with broadcast 1s, bool or float.
                int[] full = [.. batch, l, s];
                int[] shape = [.. full[(c.Coin() ? batch.Length : 0)..].Select(d => c.Coin(0.3) ? 1 : d)];
                shape[^1] = s;
                args.Add("attn_mask", c.Data(shape, c.Pick(DataType.Bool, c.F)));
            }
            return c.One("scaled_dot_product_attention", args);
        };
}
