using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LpPool (2, 11, 18) composed of MIL ops: (Σ over the window of |x|^p)^(1/p), the sum being an <c>avg_pool</c> with
/// the zero padding counted, times the window size (kernel_shape, strides, pads, auto_pad). With dilations or ceil_mode
/// the sum is composed of strided slices instead (<see cref="ComposedPoolWindows"/>, static spatial dims): an average
/// times the window size would count the windows that ceil_mode lets run past the end padding.
/// </summary>
[OnnxOp("LpPool", 2, 11, 18)]
internal sealed class LpPool : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        var spatial = WindowAttributes.SpatialRank(context, x);
        var kernel = context.Attributes.Ints("kernel_shape") ?? throw context.Unsupported("kernel_shape is required");
        var window = WindowAttributes.Read(context, spatial);
        var ceilMode = context.Attributes.Int("ceil_mode", 0) != 0;
        var composed = ceilMode || window.Dilations.Any(d => d != 1)
            ? ComposedPoolWindows.Plan(context, x, kernel, window, ceilMode)
            : null;
        var p = context.Attributes.Int("p", 2);
        if (p < 1)
        {
            throw context.Unsupported($"p {p} must be at least 1");
        }
        Value powered = p switch
        {
            1 => context.Op("abs", new() { { "x", x } }, $"{name}_abs"),
            2 => context.Op("mul", new() { { "x", x }, { "y", x } }, $"{name}_squares"),
            _ => context.Op("pow", new() { { "x", context.Op("abs", new() { { "x", x } }, $"{name}_abs") }, { "y", context.Scalar(p, x, "p") } }, $"{name}_powers"),
        };
        var sum = composed is not null
            ? composed.Reduce(context, powered, 0, "add", p == 1 ? name : $"{name}_window_sum")
            : WindowSum(context, powered, kernel, window, p == 1 ? name : $"{name}_window_sum");
        context.SetOutput(0, p switch
        {
            1 => sum,
            2 => context.Op("sqrt", new() { { "x", sum } }),
            _ => context.Op("pow", new() { { "x", sum }, { "y", context.Scalar(1.0 / p, x, "inverse_p") } }),
        });
    }

    private static Value WindowSum(OnnxNodeContext context, Value powered, long[] kernel, WindowAttributes window, string name)
    {
        var mean = context.Op("avg_pool", new()
        {
            { "x", powered },
            { "kernel_sizes", kernel.Select(k => checked((int)k)).ToArray() },
            { "strides", window.Strides },
            { "pad_type", window.PadType },
            { "pad", window.Pad },
            { "exclude_padding_from_average", false },
            { "ceil_mode", false },
        }, $"{context.OutputName()}_window_mean");
        var size = kernel.Aggregate(1L, (a, k) => a * k);
        return context.Op("mul", new() { { "x", mean }, { "y", context.Scalar(size, powered, "window_size") } }, name);
    }
}
