using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Image;

/// <summary>
/// <c>crop_resize</c> (iOS15/16 roi form and iOS17 boxes form): each box, in pixels after spatial_scale and (when
/// normalized) the (H−1)/(W−1) scaling, is sampled on a target_height × target_width grid laid over the box the way
/// sampling_mode lays resize_bilinear's grid over an image; samples are bilinear, and those outside x read pad_value.
/// </summary>
internal sealed class CropResizeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["crop_resize"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var s = xt.ShapeArray();
        var x = xt.AsFloats();
        var (oh, ow) = (context.Int("target_height", 1), context.Int("target_width", 1));
        var (crops, outShape) = Crops(context, s[0], oh, ow);
        var mode = context.String("sampling_mode", "DEFAULT");
        var pad = context.Float("pad_value", 0);
        var plane = s[2] * s[3];
        var result = new float[crops.Count * s[1] * oh * ow];
        var o = 0;
        foreach (var (image, box) in crops)
        {
            var (y0, x0, y1, x1) = Pixels(context, box, s[2], s[3]);
            for (var c = 0; c < s[1]; c++)
            {
                var offset = ((image * s[1]) + c) * plane;
                for (var i = 0; i < oh; i++)
                {
                    var y = Coordinate(mode, y0, y1, i, oh);
                    for (var j = 0; j < ow; j++)
                    {
                        result[o++] = Sample(x, offset, s[2], s[3], y, Coordinate(mode, x0, x1, j, ow), pad);
                    }
                }
            }
        }
        return [context.Output(result, outShape)];
    }

    /// <summary>The (image, box) pairs in output order and the output shape.</summary>
    private static (List<(int Image, float[] Box)> Crops, int[] Shape) Crops(KernelContext context, int batch, int oh, int ow)
    {
        var c = context.Input("x").Shape[1];
        var crops = new List<(int, float[])>();
        if (context.Has("boxes"))
        {
            var boxes = context.Input("boxes").AsFloats();
            var n = boxes.Length / 4;
            var indices = context.OptionalInput("box_indices")?.AsInts() ?? [.. Enumerable.Range(0, n)];
            for (var k = 0; k < n; k++)
            {
                crops.Add((Image(context, indices[k], batch), boxes[(4 * k)..((4 * k) + 4)]));
            }
            return (crops, [n, c, oh, ow]);
        }
        var roi = context.Input("roi");
        var width = roi.Shape[2];
        var values = roi.AsFloats();
        var count = roi.Shape[0];
        for (var k = 0; k < count; k++)
        {
            var row = values[(width * k)..(width * (k + 1))];
            if (width == 5)
            {
                crops.Add((Image(context, (int)row[0], batch), row[1..]));
                continue;
            }
            for (var b = 0; b < batch; b++)
            {
                crops.Add((b, row));
            }
        }
        return (crops, [count, width == 5 ? 1 : batch, c, oh, ow]);
    }

    private static int Image(KernelContext context, int index, int batch) =>
        index >= 0 && index < batch ? index : throw context.Error($"box index {index} is outside the batch of {batch}");

    /// <summary>The box as (h_start, w_start, h_end, w_end) in pixels.</summary>
    private static (double, double, double, double) Pixels(KernelContext context, float[] box, int h, int w)
    {
        var (a, b, c, d) = ((double)box[0], (double)box[1], (double)box[2], (double)box[3]);
        var (y0, x0, y1, x1) = context.String("box_coordinate_mode", "CORNERS_HEIGHT_FIRST") switch
        {
            "CORNERS_HEIGHT_FIRST" => (a, b, c, d),
            "CORNERS_WIDTH_FIRST" => (b, a, d, c),
            "CENTER_SIZE_HEIGHT_FIRST" => (a - (c / 2), b - (d / 2), a + (c / 2), b + (d / 2)),
            "CENTER_SIZE_WIDTH_FIRST" => (b - (d / 2), a - (c / 2), b + (d / 2), a + (c / 2)),
            var mode => throw context.Error($"unknown box_coordinate_mode '{mode}'"),
        };
        var scale = (double)context.Float("spatial_scale", 1);
        var (sy, sx) = context.Bool("normalized_coordinates", false) ? (scale * (h - 1), scale * (w - 1)) : (scale, scale);
        return (y0 * sy, x0 * sx, y1 * sy, x1 * sx);
    }

    /// <summary>Sample <paramref name="i"/> of <paramref name="n"/> over [start, end], spaced as the sampling mode spaces a resize grid.</summary>
    private static double Coordinate(string mode, double start, double end, int i, int n)
    {
        var extent = end - start;
        return mode switch
        {
            "STRICT_ALIGN_CORNERS" => start + (n > 1 ? i * extent / (n - 1) : 0),
            "ALIGN_CORNERS" => start + (n > 1 ? i * extent / (n - 1) : extent / 2),
            "OFFSET_CORNERS" => start + ((i + 0.5) * extent / n),
            "UNALIGN_CORNERS" => start + ((i + 0.5) * extent / n) - 0.5,
            _ => start + (i * extent / n),
        };
    }

    private static float Sample(float[] x, int offset, int h, int w, double y, double z, float pad)
    {
        if (y < 0 || y > h - 1 || z < 0 || z > w - 1)
        {
            return pad;
        }
        var (y0, z0) = ((int)Math.Floor(y), (int)Math.Floor(z));
        var (y1, z1) = (Math.Min(y0 + 1, h - 1), Math.Min(z0 + 1, w - 1));
        var (fy, fz) = (y - y0, z - z0);
        double At(int r, int c) => x[offset + (r * w) + c];
        var top = At(y0, z0) + ((At(y0, z1) - At(y0, z0)) * fz);
        var bottom = At(y1, z0) + ((At(y1, z1) - At(y1, z0)) * fz);
        return (float)(top + ((bottom - top) * fy));
    }
}
