using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddRearrange(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["depth_to_space"] = c =>
        {
            var b = c.Int(1, 3);
            return c.One("depth_to_space", new() { { "x", c.Data([c.Int(1, 2), b * b * c.Int(1, 2), c.Int(1, 3), c.Int(1, 3)]) }, { "block_size", b } });
        };
        all["space_to_depth"] = c =>
        {
            var b = c.Int(1, 3);
            return c.One("space_to_depth", new() { { "x", c.Data([c.Int(1, 2), c.Int(1, 2), b * c.Int(1, 2), b * c.Int(1, 2)]) }, { "block_size", b } });
        };
        all["space_to_batch"] = c =>
        {
            int[] block = [c.Int(1, 3), c.Int(1, 3)];
            int[] pads = [c.Int(0, 2), 0, c.Int(0, 2), 0];
            var (h, w) = (c.Int(1, 3), c.Int(1, 3));
            pads[1] = (block[0] - ((h + pads[0]) % block[0])) % block[0];
            pads[3] = (block[1] - ((w + pads[2]) % block[1])) % block[1];
            return c.One("space_to_batch", new() { { "x", c.Data([c.Int(1, 2), c.Int(1, 2), h, w]) }, { "block_shape", block }, { "paddings", Tensor.Create(pads, 2, 2) } });
        };
        all["batch_to_space"] = c =>
        {
            int[] block = [c.Int(1, 3), c.Int(1, 3)];
            var (h, w) = (c.Int(1, 3), c.Int(1, 3));
            int[] crops = [c.Int(0, (h * block[0]) - 1), 0, c.Int(0, (w * block[1]) - 1), 0];
            crops[1] = c.Int(0, (h * block[0]) - 1 - crops[0]);
            crops[3] = c.Int(0, (w * block[1]) - 1 - crops[2]);
            return c.One("batch_to_space", new() { { "x", c.Data([block[0] * block[1] * c.Int(1, 2), c.Int(1, 2), h, w]) }, { "block_shape", block }, { "crops", Tensor.Create(crops, 2, 2) } });
        };
        all["reverse"] = c =>
        {
            var shape = c.Shape(0, 4);
            var args = new Mil.Building.OpArgs { { "x", c.Data(shape, c.Pick(c.F, DataType.Int32)) } };
            if (c.Coin())
            {
                args.Add("axes", Enumerable.Range(0, shape.Length).Where(_ => c.Coin()).Select(a => c.Coin() ? a - shape.Length : a).ToArray());
            }
            return c.One("reverse", args);
        };
        all["l2_norm"] = c =>
        {
            var args = new Mil.Building.OpArgs { { "x", c.Data(c.Shape(3, 5)) } };
            if (c.Coin())
            {
                args.Add("epsilon", c.Scalar(c.Pick(1e-6, 1e-3, 0.5)));
            }
            return c.One("l2_norm", args);
        };
        all["local_response_norm"] = c =>
        {
            var args = new Mil.Building.OpArgs { { "x", c.Data(c.Shape(3, 4)) }, { "size", c.Int(1, 5) } };
            foreach (var (name, value) in new[] { ("alpha", c.Pick(1e-4, 0.5, 2)), ("beta", c.Pick(0.5, 0.75, 1)), ("k", c.Pick(1, 2.0)) })
            {
                if (c.Coin())
                {
                    args.Add(name, c.Scalar(value));
                }
            }
            return c.One("local_response_norm", args);
        };
        all["crop_resize"] = c =>
        {
            var (batch, n, withIndex) = (c.Int(1, 2), c.Int(1, 3), c.Coin());
            var roi = Enumerable.Range(0, n).SelectMany(_ => (withIndex ? [c.Int(0, batch - 1)] : Array.Empty<double>()).Concat(Enumerable.Range(0, 4).Select(_ => c.R.NextDouble() * 4))).ToArray();
            var args = new Mil.Building.OpArgs
            {
                { "x", c.Data([batch, c.Int(1, 2), c.Int(1, 4), c.Int(1, 4)]) }, { "roi", Tensor.FromDoubles(roi, [n, 1, withIndex ? 5 : 4, 1, 1], c.F) },
                { "target_height", c.Int(1, 3) }, { "target_width", c.Int(1, 3) }, { "normalized_coordinates", c.Coin() },
                { "box_coordinate_mode", Tensor.Scalar(c.Pick("CORNERS_HEIGHT_FIRST", "CORNERS_WIDTH_FIRST", "CENTER_SIZE_HEIGHT_FIRST", "CENTER_SIZE_WIDTH_FIRST")) },
                { "sampling_mode", Tensor.Scalar(c.Pick("STRICT_ALIGN_CORNERS", "ALIGN_CORNERS", "DEFAULT", "OFFSET_CORNERS", "UNALIGN_CORNERS")) },
            };
            if (c.Coin())
            {
                args.Add("spatial_scale", Tensor.Scalar(c.Pick(0.5f, 1f)));
            }
            return c.One("crop_resize", args);
        };
    }
}
