using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddImage(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["conv_transpose"] = c =>
        {
            var s = c.Int(1, 3);
            var groups = c.Int(1, 2);
            var (cinPerGroup, coutPerGroup) = (c.Int(1, 2), c.Int(1, 2));
            var kernel = Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray();
            var dilations = Enumerable.Range(0, s).Select(_ => c.Int(1, 2)).ToArray();
            var strides = Enumerable.Range(0, s).Select(_ => c.Int(1, 3)).ToArray();
            var spatial = Enumerable.Range(0, s).Select(_ => c.Int(1, 4)).ToArray();
            var padType = c.Pick("valid", "same", "custom");
            // Custom pads stay below the full output size so that something is left.
            var pad = Enumerable.Range(0, 2 * s).Select(i => padType == "custom" ? c.Int(0, ((spatial[i / 2] - 1) * strides[i / 2]) / 2) : 0).ToArray();
            var args = new OpArgs
            {
                { "x", c.Data([c.Int(0, 2), groups * cinPerGroup, .. spatial]) }, { "weight", c.Weights([groups * cinPerGroup, coutPerGroup, .. kernel]) },
                { "strides", strides }, { "dilations", dilations }, { "pad_type", padType }, { "pad", pad }, { "groups", groups },
            };
            if (c.Coin())
            {
                args.Add("bias", c.Weights(groups * coutPerGroup));
            }
            return c.One("conv_transpose", args);
        };
        all["crop"] = c =>
        {
            int[] shape = [.. c.Shape(1, 2), c.Int(0, 4), c.Int(0, 4)];
            int[] Amounts(int size) { var a = c.Int(0, size); return [a, c.Int(0, size - a)]; }
            return c.One("crop", new() { { "x", c.Data(shape) }, { "crop_height", Amounts(shape[^2]) }, { "crop_width", Amounts(shape[^1]) } });
        };
        all["upsample_bilinear"] = c =>
        {
            var args = new OpArgs { { "x", c.Data([.. c.Shape(1, 2), c.Int(1, 4), c.Int(1, 4)]) }, { "scale_factor_height", c.Pick(1f, 2f, 1.5f) },
                { "scale_factor_width", c.Pick(1f, 3f, 2.5f) }, { "align_corners", c.Coin() } };
            return c.One("upsample_bilinear", args);
        };
        all["upsample_nearest_neighbor"] = c => c.One("upsample_nearest_neighbor", new()
        {
            { "x", c.Data([.. c.Shape(1, 2), c.Int(0, 4), c.Int(0, 4)]) }, { "scale_factor_height", c.Int(1, 3) }, { "scale_factor_width", c.Int(1, 3) },
        });
        all["resize_bilinear"] = c => c.One("resize_bilinear", new()
        {
            { "x", c.Data([.. c.Shape(1, 2), c.Int(1, 4), c.Int(1, 4)]) }, { "target_size_height", c.Int(1, 5) }, { "target_size_width", c.Int(1, 5) },
            { "sampling_mode", c.Pick("STRICT_ALIGN_CORNERS", "ALIGN_CORNERS", "DEFAULT", "OFFSET_CORNERS", "UNALIGN_CORNERS") },
        });
        all["resample"] = c =>
        {
            var (b, hw) = (c.Int(0, 2), c.Shape(2, 2));
            return c.One("resample", new()
            {
                { "x", c.Data([b, c.Int(1, 3), c.Int(1, 4), c.Int(1, 4)]) }, { "coordinates", c.Data([b, .. hw, 2], DataType.Float32, -1.5, 1.5) },
                { "sampling_mode", c.Pick("bilinear", "nearest") }, { "padding_mode", c.Pick("constant", "border", "reflection", "symmetric") },
                { "padding_value", c.Scalar(0.5) }, { "coordinates_mode", c.Pick("unnormalized", "normalized_minus_one_to_one", "normalized_zero_to_one") },
                { "align_corners", c.Coin() },
            });
        };
        all["resize_nearest_neighbor"] = c => c.One("resize_nearest_neighbor", new()
        {
            { "x", c.Data([.. c.Shape(1, 2), c.Int(1, 4), c.Int(1, 4)]) }, { "target_size_height", c.Int(1, 5) }, { "target_size_width", c.Int(1, 5) },
        });
    }
}
