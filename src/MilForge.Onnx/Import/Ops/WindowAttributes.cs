namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// The window attributes shared by Conv and the pools (auto_pad, pads, strides, dilations), translated to MIL:
/// pad_type <c>custom</c> with pads reordered from ONNX's [b0, b1, ..., e0, e1, ...] to MIL's [b0, e0, b1, e1, ...],
/// or <c>same</c>/<c>same_lower</c>/<c>valid</c> from auto_pad.
/// </summary>
internal sealed record WindowAttributes(string PadType, int[] Pad, int[] Strides, int[] Dilations)
{
    /// <summary>The number of spatial dims of a windowed op's input [N, C, *D]; ONNX1005 unless it is 1–3.</summary>
    public static int SpatialRank(OnnxNodeContext context, Mil.Value x)
    {
        var spatial = x.Shape.Rank - 2;
        return spatial is >= 1 and <= 3 ? spatial
            : throw context.Unsupported($"input rank {x.Shape.Rank} is not supported (1–3 spatial dims)");
    }

    public static WindowAttributes Read(OnnxNodeContext context, int spatial)
    {
        var a = context.Attributes;
        var strides = Ints(context, a.Ints("strides"), spatial, 1, "strides");
        var dilations = Ints(context, a.Ints("dilations"), spatial, 1, "dilations");
        var autoPad = a.String("auto_pad", "NOTSET");
        var pads = a.Ints("pads") ?? new long[2 * spatial];
        if (pads.Length != 2 * spatial)
        {
            throw context.Unsupported($"pads has {pads.Length} entries, expected {2 * spatial}");
        }
        var milPad = new int[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            milPad[2 * i] = checked((int)pads[i]);
            milPad[(2 * i) + 1] = checked((int)pads[i + spatial]);
        }
        if (milPad.Any(p => p < 0))
        {
            throw context.Unsupported("negative pads are not supported");
        }
        var padType = autoPad switch
        {
            "NOTSET" or "" => "custom",
            "SAME_UPPER" => "same",
            "SAME_LOWER" => "same_lower",
            "VALID" => "valid",
            _ => throw context.Unsupported($"auto_pad '{autoPad}' is unknown"),
        };
        return new WindowAttributes(padType, padType == "custom" ? milPad : new int[2 * spatial], strides, dilations);
    }

    private static int[] Ints(OnnxNodeContext context, long[]? values, int spatial, int fallback, string name)
    {
        if (values is null)
        {
            return [.. Enumerable.Repeat(fallback, spatial)];
        }
        if (values.Length != spatial || values.Any(v => v < 1))
        {
            throw context.Unsupported($"{name} [{string.Join(", ", values)}] must have {spatial} positive entries");
        }
        return [.. values.Select(v => checked((int)v))];
    }
}
