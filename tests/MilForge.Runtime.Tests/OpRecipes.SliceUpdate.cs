using MilForge.Mil;
using MilForge.Mil.Ops.TensorTransform;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddSliceUpdate(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all) =>
        all["slice_update"] = c =>
        {
            var shape = c.Shape(1, 3);
            var rank = shape.Length;
            var stride = shape.Select(_ => c.Pick(-2, -1, 1, 1, 2)).ToArray();
            // The first dim is never squeezed: update must have rank ≥ 1.
            var squeeze = shape.Select((d, i) => i > 0 && d > 0 && c.Coin(0.2)).ToArray();
            var begin = shape.Select((d, i) => squeeze[i] ? c.Int(-d, d - 1) : c.Int(-d - 1, d + 1)).ToArray();
            var end = shape.Select(d => c.Int(-d - 1, d + 1)).ToArray();
            var beginMask = shape.Select(_ => c.Coin(0.3)).ToArray();
            var endMask = shape.Select(_ => c.Coin(0.3)).ToArray();
            var sliced = new List<int>();
            for (var i = 0; i < rank; i++)
            {
                if (!squeeze[i])
                {
                    var (start, stop) = SliceMath.Resolve(shape[i], begin[i], end[i], stride[i], beginMask[i], endMask[i]);
                    sliced.Add(SliceMath.Count(start, stop, stride[i]));
                }
            }
            var type = c.Pick(c.F, DataType.Int32, DataType.Bool);
            return c.One("slice_update", new()
            {
                { "x", c.Data(shape, type) }, { "update", c.Data([.. sliced], type) }, { "begin", begin }, { "end", end },
                { "stride", stride }, { "begin_mask", beginMask }, { "end_mask", endMask }, { "squeeze_mask", squeeze },
            });
        };
}
