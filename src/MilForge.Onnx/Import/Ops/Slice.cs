namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Slice (starts/ends/axes as attributes before opset 10, as constant inputs with steps from 10) → MIL
/// <c>slice_by_index</c> over every dim. Out-of-range starts and ends clamp as ONNX specifies; where the input dim
/// is known they are resolved to exact indices, and "to the end" in either direction uses the end mask.
/// </summary>
[OnnxOp("Slice", 1, 10, 11, 13)]
internal sealed class Slice : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        long[] starts, ends;
        long[]? axesRaw, steps = null;
        if (context.Since < 10)
        {
            starts = context.Attributes.Ints("starts") ?? throw context.Unsupported("starts is required");
            ends = context.Attributes.Ints("ends") ?? throw context.Unsupported("ends is required");
            axesRaw = context.Attributes.Ints("axes");
        }
        else
        {
            starts = context.RequireConstant(1, "starts").AsLongs();
            ends = context.RequireConstant(2, "ends").AsLongs();
            axesRaw = context.HasInput(3) ? context.RequireConstant(3, "axes").AsLongs() : null;
            steps = context.HasInput(4) ? context.RequireConstant(4, "steps").AsLongs() : null;
        }
        var axes = axesRaw?.Select(a => ConverterHelpers.NormalizeAxis(context, a, rank)).ToArray() ?? [.. Enumerable.Range(0, starts.Length)];
        if (starts.Length != axes.Length || ends.Length != axes.Length || (steps is not null && steps.Length != axes.Length))
        {
            throw context.Unsupported("starts, ends, axes and steps must have the same length");
        }
        var begin = new int[rank];
        var end = new int[rank];
        var stride = Enumerable.Repeat(1, rank).ToArray();
        var beginMask = Enumerable.Repeat(true, rank).ToArray();
        var endMask = Enumerable.Repeat(true, rank).ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            var a = axes[i];
            var step = steps?[i] ?? 1;
            if (step == 0 || step > int.MaxValue || step < int.MinValue)
            {
                throw context.Unsupported($"step {step} is not supported");
            }
            stride[a] = (int)step;
            var dim = x.Shape[a];
            if (!dim.IsKnown)
            {
                begin[a] = (int)Math.Clamp(starts[i], int.MinValue, int.MaxValue);
                end[a] = (int)Math.Clamp(ends[i], int.MinValue, int.MaxValue);
                beginMask[a] = false;
                endMask[a] = step > 0 ? ends[i] >= int.MaxValue : ends[i] <= int.MinValue;
                continue;
            }
            var (s, e) = Resolve(starts[i], ends[i], step, dim.Size);
            begin[a] = (int)s;
            beginMask[a] = false;
            if (step < 0 && e < 0)
            {
                // Runs to the front: MIL expresses that with the end mask.
                endMask[a] = true;
            }
            else
            {
                end[a] = (int)e;
                endMask[a] = false;
            }
        }
        context.SetOutput(0, context.Op("slice_by_index", new()
        {
            { "x", x },
            { "begin", begin },
            { "end", end },
            { "stride", stride },
            { "begin_mask", beginMask },
            { "end_mask", endMask },
        }));
    }

    /// <summary>ONNX clamping: positive step in [0, dim], negative step in [−1, dim − 1].</summary>
    private static (long Start, long End) Resolve(long start, long end, long step, long dim)
    {
        start = start < 0 ? start + dim : start;
        end = end < 0 ? end + dim : end;
        return step > 0
            ? (Math.Clamp(start, 0, dim), Math.Clamp(end, 0, dim))
            : (Math.Clamp(start, -1, dim - 1), Math.Clamp(end, -1, dim - 1));
    }
}
