using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Mil.Ops.Conv;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ConvTranspose (1–3 spatial dims, groups, strides, dilations, pads, output_padding, output_shape, auto_pad) →
/// MIL <c>conv_transpose</c> with explicit pads. The begin pad and the end pad less output_padding are cut from the
/// full output; where output_padding exceeds the end pad the output is extended with zeros (then the bias is added),
/// which is what the output_padding elements hold.
/// </summary>
[OnnxOp("ConvTranspose", 1, 11, 22)]
internal sealed class ConvTranspose : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var w = context.Input(1);
        var spatial = WindowAttributes.SpatialRank(context, x);
        if (!w.IsConstant)
        {
            throw context.Error(DiagnosticCodes.OnnxNotConstant, "the weight must be a constant (MIL conv_transpose takes a constant weight)");
        }
        var ws = w.Shape.ToStatic();
        if (ws.Length != x.Shape.Rank)
        {
            throw context.Unsupported($"weight {w.Shape} must have the rank of the input {x.Shape}");
        }
        var kernel = ws[2..];
        if (context.Attributes.Ints("kernel_shape") is { } k && !k.SequenceEqual(kernel.Select(d => (long)d)))
        {
            throw context.Unsupported($"kernel_shape [{string.Join(", ", k)}] does not match the weight {w.Shape}");
        }
        var group = checked((int)context.Attributes.Int("group", 1));
        var geometry = Geometry(context, x, kernel, spatial);
        var bias = context.OptionalInput(2);
        if (bias is not null && !bias.IsConstant)
        {
            throw context.Error(DiagnosticCodes.OnnxNotConstant, "the bias must be a constant (MIL conv_transpose takes a constant bias)");
        }
        var extend = geometry.EndCut.Select(c => Math.Max(0, -c)).ToArray();
        var needsExtension = extend.Any(e => e > 0);
        var pad = new int[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            (pad[2 * i], pad[(2 * i) + 1]) = (geometry.Begin[i], Math.Max(0, geometry.EndCut[i]));
        }
        var args = new OpArgs
        {
            { "x", x }, { "weight", w }, { "pad", pad }, { "pad_type", "custom" }, { "strides", geometry.Strides },
            { "dilations", geometry.Dilations }, { "groups", group },
        };
        if (bias is not null && !needsExtension)
        {
            args.Add("bias", bias);
        }
        if (!needsExtension)
        {
            context.SetOutput(0, context.Op("conv_transpose", args));
            return;
        }
        var y = context.Op("conv_transpose", args, $"{context.OutputName()}_full");
        var padding = extend.SelectMany(e => new[] { 0, e }).ToArray();
        y = context.Op("pad", new() { { "x", y }, { "pad", padding } }, bias is null ? null : $"{context.OutputName()}_padded");
        if (bias is not null)
        {
            var cout = bias.Shape.ToStatic()[0];
            var perChannel = ConverterHelpers.Reshape(context, bias, [cout, .. Enumerable.Repeat(1, spatial)], $"{context.OutputName()}_bias");
            y = context.Op("add", new() { { "x", y }, { "y", perChannel } });
        }
        context.SetOutput(0, y);
    }

    /// <summary>Per spatial dim: strides, dilations, the cut at the begin, and the cut at the end (negative: extend).</summary>
    private sealed record TransposeGeometry(int[] Strides, int[] Dilations, int[] Begin, int[] EndCut);

    private static TransposeGeometry Geometry(OnnxNodeContext context, Mil.Value x, int[] kernel, int spatial)
    {
        var a = context.Attributes;
        var strides = Positive(context, a.Ints("strides"), spatial, "strides");
        var dilations = Positive(context, a.Ints("dilations"), spatial, "dilations");
        var outputPadding = a.Ints("output_padding")?.Select(v => checked((int)v)).ToArray() ?? new int[spatial];
        if (outputPadding.Length != spatial || outputPadding.Any(v => v < 0))
        {
            throw context.Unsupported($"output_padding [{string.Join(", ", outputPadding)}] must have {spatial} non-negative entries");
        }
        var autoPad = a.String("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "" or "SAME_UPPER" or "SAME_LOWER" or "VALID"))
        {
            throw context.Unsupported($"auto_pad '{autoPad}' is unknown");
        }
        var outputShape = a.Ints("output_shape");
        if (outputShape is not null && outputShape.Length == spatial + 2)
        {
            outputShape = outputShape[2..];
        }
        if (outputShape is not null && outputShape.Length != spatial)
        {
            throw context.Unsupported($"output_shape [{string.Join(", ", outputShape)}] must have {spatial} spatial entries");
        }
        var pads = a.Ints("pads");
        if (pads is not null && pads.Length != 2 * spatial)
        {
            throw context.Unsupported($"pads has {pads.Length} entries, expected {2 * spatial}");
        }
        var explicitPads = outputShape is null && autoPad is "NOTSET" or "";
        var (begin, endCut) = (new int[spatial], new int[spatial]);
        for (var i = 0; i < spatial; i++)
        {
            var full = ConvTransposeGeometry.FullSize(SpatialSize(context, x, i), kernel[i], strides[i], dilations[i]);
            int padBegin, padEnd;
            if (explicitPads)
            {
                (padBegin, padEnd) = pads is null ? (0, 0) : (checked((int)pads[i]), checked((int)pads[i + spatial]));
            }
            else if (autoPad == "VALID" && outputShape is null)
            {
                (padBegin, padEnd) = (0, 0);
            }
            else
            {
                var target = outputShape is not null ? checked((int)outputShape[i]) : SpatialSize(context, x, i) * strides[i];
                var total = full + outputPadding[i] - target;
                // Auto padding never crops below the full output (as ONNX Runtime does); a larger output_shape extends it.
                total = outputShape is null ? Math.Max(0, total) : total;
                var small = (int)Math.Floor(total / 2.0);
                (padBegin, padEnd) = autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
            }
            if (padBegin < 0 || (full - padBegin - padEnd + outputPadding[i]) < 1)
            {
                throw context.Unsupported($"the pads, output_padding and output_shape of spatial dim {i} leave a begin pad of {padBegin} or no output");
            }
            (begin[i], endCut[i]) = (padBegin, padEnd - outputPadding[i]);
        }
        return new TransposeGeometry(strides, dilations, begin, endCut);
    }

    private static int SpatialSize(OnnxNodeContext context, Mil.Value x, int i)
    {
        var d = x.Shape[i + 2];
        return d.IsKnown ? (int)d.Size
            : throw context.Unsupported($"spatial dim {i} of '{x.Name}' is symbolic ({x.Shape}); ConvTranspose needs static spatial sizes");
    }

    private static int[] Positive(OnnxNodeContext context, long[]? values, int spatial, string name)
    {
        if (values is null)
        {
            return [.. Enumerable.Repeat(1, spatial)];
        }
        if (values.Length != spatial || values.Any(v => v < 1))
        {
            throw context.Unsupported($"{name} [{string.Join(", ", values)}] must have {spatial} positive entries");
        }
        return [.. values.Select(v => checked((int)v))];
    }
}
