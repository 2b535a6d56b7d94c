using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddLikeOps(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["fill_like"] = c =>
        {
            var args = new Mil.Building.OpArgs { { "ref_tensor", c.Data(c.Shape(0, 3), c.Pick(c.F, DataType.Int32, DataType.Bool)) } };
            if (c.Coin(0.75))
            {
                args.Add("value", c.Pick(c.Scalar(1.5), Tensor.Scalar(3), Tensor.Scalar(true)));
            }
            return c.One("fill_like", args);
        };
        all["reshape_like"] = c =>
        {
            // x's shape split at k: the head comes from [9, head...][1:], the tail from [tail..., 2][0:-1].
            var shape = c.Shape(0, 3);
            var k = c.Int(0, shape.Length);
            var head = c.Data([9, .. shape[..k]]);
            var tail = c.Data([.. shape[k..], 2], c.Pick(c.F, DataType.Int32));
            var x = c.Data([.. shape.Reverse()], c.Pick(c.F, DataType.Int32, DataType.Bool));
            Value Int(int v) => c.B.Const(Tensor.Scalar(v));
            Value Bool(bool v) => c.B.Const(Tensor.Scalar(v));
            return c.One("reshape_like", new()
            {
                { "x", x },
                { "ref_tensors", new[] { head, tail } },
                { "begins", new[] { Int(1), Int(0) } },
                { "ends", new[] { Int(0), Int(-1) } },
                { "end_masks", new[] { Bool(true), Bool(false) } },
            });
        };
    }
}
