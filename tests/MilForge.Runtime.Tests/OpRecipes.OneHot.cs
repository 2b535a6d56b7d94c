using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddOneHot(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["one_hot"] = c =>
        {
            var shape = c.Shape(0, 3);
            var size = c.Int(0, 4);
            var type = c.Pick(c.F, DataType.Int32, DataType.Bool);
            var indices = TestTensors.Longs(c.R.Next(), shape, -1, size + 1).CastTo(DataType.Int32);
            return c.One("one_hot", new()
            {
                { "indices", c.H.In(indices) }, { "one_hot_vector_size", size }, { "axis", c.Int(-shape.Length - 1, shape.Length) },
                { "on_value", Tensor.FromDoubles([1], [], type) }, { "off_value", Tensor.FromDoubles([0], [], type) },
            });
        };
        all["non_zero"] = c => c.One("non_zero", new() { { "x", c.Data(c.Shape(0, 3), c.Pick(c.F, DataType.Int32, DataType.Bool), -1, 1) } });
    }
}
