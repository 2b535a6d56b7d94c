using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LpPool (2, 11, 18) composed of MIL ops: (Σ over the window of |x|^p)^(1/p), the sum being an <c>avg_pool</c> with
/// the zero padding counted, times the window size (kernel_shape, strides, pads, auto_pad). Dilations other than 1
/// and ceil_mode are refused.
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
        if (window.Dilations.Any(d => d != 1))
        {
            throw context.Unsupported($"dilations [{string.Join(", ", window.Dilations)}] are not supported by Core ML pooling");
        }
        if (context.Attributes.Int("ceil_mode", 0) != 0)
        {
            // The windows a ceil_mode output adds run past the input; ONNX Runtime's sums there differ from a
            // zero-padded average times the window size.
            throw context.Unsupported("ceil_mode is not supported for LpPool");
        }
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
        var mean = context.Op("avg_pool", new()
        {
            { "x", powered },
            { "kernel_sizes", kernel.Select(k => checked((int)k)).ToArray() },
            { "strides", window.Strides },
            { "pad_type", window.PadType },
            { "pad", window.Pad },
            { "exclude_padding_from_average", false },
            { "ceil_mode", false },
        }, $"{name}_window_mean");
        var size = kernel.Aggregate(1L, (a, k) => a * k);
        var sum = context.Op("mul", new() { { "x", mean }, { "y", context.Scalar(size, x, "window_size") } }, p == 1 ? name : $"{name}_window_sum");
        context.SetOutput(0, p switch
        {
            1 => sum,
            2 => context.Op("sqrt", new() { { "x", sum } }),
            _ => context.Op("pow", new() { { "x", sum }, { "y", context.Scalar(1.0 / p, x, "inverse_p") } }),
        });
    }
}
