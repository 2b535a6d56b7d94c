using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// MaxPool and AveragePool → MIL <c>max_pool</c>/<c>avg_pool</c> (ceil_mode, pads, strides, auto_pad;
/// count_include_pad → exclude_padding_from_average). MIL pools have no dilations: dilated windows are composed of
/// strided slices (<see cref="ComposedPoolWindows"/>, static spatial dims). MaxPool's int8/uint8 data pools as float
/// (exact) and is cast back. MaxPool's Indices output is refused.
/// </summary>
[OnnxOp("MaxPool", 1, 8, 10, 11, 12, 22)]
[OnnxOp("AveragePool", 1, 7, 10, 11, 19, 22)]
internal sealed class Pooling : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var spatial = WindowAttributes.SpatialRank(context, x);
        var integer = x.DataType == DataType.Int32 && context.OpType == "MaxPool";
        if (integer)
        {
            // ONNX MaxPool's integer types are int8 and uint8 (narrowed to int32 here): exact in fp16 and fp32.
            x = ConverterHelpers.CastTo(context, x, DataType.Float32, "as_float");
        }
        else if (!x.DataType.IsFloatType())
        {
            throw context.Unsupported($"{x.DataType.MilName()} pooling is not supported (Core ML pools fp16/fp32)");
        }
        if (context.HasOutput(1))
        {
            throw context.Unsupported("the Indices output has no Core ML equivalent");
        }
        var kernel = context.Attributes.Ints("kernel_shape") ?? throw context.Unsupported("kernel_shape is required");
        var window = WindowAttributes.Read(context, spatial);
        var ceilMode = context.Attributes.Int("ceil_mode", 0) != 0;
        var pooled = window.Dilations.Any(d => d != 1) ? Dilated(context, x, kernel, window, ceilMode)
            : Pool(context, x, kernel, window, ceilMode, integer ? $"{context.OutputName()}_pool" : null);
        context.SetOutput(0, integer ? ConverterHelpers.CastTo(context, pooled, DataType.Int32, "as_int") : pooled);
    }

    private static Mil.Value Pool(OnnxNodeContext context, Mil.Value x, long[] kernel, WindowAttributes window, bool ceilMode, string? name)
    {
        var args = new Mil.Building.OpArgs
        {
            { "x", x },
            { "kernel_sizes", kernel.Select(k => checked((int)k)).ToArray() },
            { "strides", window.Strides },
            { "pad_type", window.PadType },
            { "pad", window.Pad },
        };
        if (context.OpType == "AveragePool")
        {
            args.Add("exclude_padding_from_average", context.Attributes.Int("count_include_pad", 0) == 0);
        }
        args.Add("ceil_mode", ceilMode);
        return context.Op(context.OpType == "MaxPool" ? "max_pool" : "avg_pool", args, name);
    }

    private static Mil.Value Dilated(OnnxNodeContext context, Mil.Value x, long[] kernel, WindowAttributes window, bool ceilMode)
    {
        var name = context.OutputName();
        var windows = ComposedPoolWindows.Plan(context, x, kernel, window, ceilMode);
        if (context.OpType == "MaxPool")
        {
            return windows.Reduce(context, x, float.MinValue, "maximum", name);
        }
        var sum = windows.Reduce(context, x, 0, "add", name);
        var counts = windows.WindowCounts(context.Attributes.Int("count_include_pad", 0) != 0, x.DataType);
        return context.Op("real_div", new() { { "x", sum }, { "y", context.Const(counts, "window_counts") } });
    }
}
