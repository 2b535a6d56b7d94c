using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddMoreActivations(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["clamped_relu"] = c => c.One("clamped_relu", new() { { "x", c.Data(c.Shape(0, 3)) }, { "alpha", c.Scalar(0.3) }, { "beta", c.Scalar(1.5) } });
        all["threshold"] = c =>
        {
            var type = c.Pick(c.F, DataType.Int32);
            return c.One("threshold", new() { { "x", c.Data(c.Shape(0, 3), type, -3, 3) }, { "alpha", type == DataType.Int32 ? Tensor.Scalar(1) : c.Scalar(0.25) } });
        };
        all["softplus_parametric"] = c =>
        {
            var shape = c.Shape(3, 4);
            return c.One("softplus_parametric", new() { { "x", c.Data(shape) }, { "alpha", c.Weights(shape[1]) }, { "beta", c.Weights(shape[1]) } });
        };
    }
}
