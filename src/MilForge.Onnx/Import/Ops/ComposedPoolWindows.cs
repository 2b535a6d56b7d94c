using MilForge.Mil;
using MilForge.Mil.Ops.Conv;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Pooling windows the MIL pools cannot express (dilations; LpPool's ceil_mode), composed exactly of MIL ops: the input
/// is padded with a value that cannot win (−FLT_MAX for max, 0 for sums), then, one spatial dim at a time, every kernel
/// tap is a strided <c>slice_by_index</c> and the taps are combined by <c>maximum</c> or <c>add</c> (a box window is
/// separable, so a k₁×k₂ window costs k₁ + k₂ slices). Averages divide by a constant tensor of per-window counts with
/// ONNX Runtime's rules. Needs static spatial dims (the slice bounds are constants); SAME padding with dilations is refused.
/// </summary>
internal sealed class ComposedPoolWindows
{
    private readonly int[] _input;
    private readonly int[] _kernel;
    private readonly int[] _strides;
    private readonly int[] _dilations;
    private readonly int[] _padBegin;
    private readonly int[] _padEnd;
    private readonly int[] _output;

    private ComposedPoolWindows(int[] input, int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] output)
    {
        (_input, _kernel, _strides, _dilations, _padBegin, _padEnd, _output) = (input, kernel, strides, dilations, padBegin, padEnd, output);
    }

    /// <summary>The windows of a pool over <paramref name="x"/> [N, C, *D]; ONNX1005 when D is symbolic or the output empty.</summary>
    public static ComposedPoolWindows Plan(OnnxNodeContext context, Value x, long[] kernelShape, WindowAttributes window, bool ceilMode)
    {
        var spatial = x.Shape.Rank - 2;
        if (kernelShape.Length != spatial || kernelShape.Any(k => k < 1))
        {
            throw context.Unsupported($"kernel_shape [{string.Join(", ", kernelShape)}] must have {spatial} positive entries");
        }
        if (window.PadType is "same" or "same_lower" && window.Dilations.Any(d => d != 1))
        {
            // The specification pads for the dilated window; ONNX Runtime pads for the undilated one and so
            // produces fewer outputs. Refused rather than matching either one silently.
            throw context.Unsupported($"auto_pad {context.Attributes.String("auto_pad", "")} with dilations is not supported (ONNX Runtime and the ONNX specification disagree on its padding)");
        }
        var dims = x.Shape.Dims.Skip(2).ToArray();
        if (dims.Any(d => !d.IsKnown))
        {
            throw context.Unsupported($"this pooling window is composed of slices and needs static spatial dims; the input is {x.Shape}");
        }
        var input = dims.Select(d => checked((int)d.Size)).ToArray();
        var kernel = kernelShape.Select(k => checked((int)k)).ToArray();
        var (begin, end) = ConvGeometry.Padding(window.PadType, input, kernel, window.Strides, window.Dilations, window.Pad);
        var output = new int[spatial];
        for (var i = 0; i < spatial; i++)
        {
            output[i] = ConvGeometry.OutputSize(input[i], kernel[i], window.Strides[i], window.Dilations[i], begin[i], end[i], ceilMode);
            if (output[i] < 1)
            {
                throw context.Unsupported($"the window ({kernel[i]} taps, dilation {window.Dilations[i]}) does not fit spatial dim {i} of {x.Shape}");
            }
        }
        return new ComposedPoolWindows(input, kernel, window.Strides, window.Dilations, begin, end, output);
    }

    /// <summary>
    /// Combines the taps of every window by <paramref name="combine"/> (<c>maximum</c> or <c>add</c>), positions outside
    /// the input reading <paramref name="padValue"/>.
    /// </summary>
    public Value Reduce(OnnxNodeContext context, Value x, double padValue, string combine, string name)
    {
        var spatial = _input.Length;
        var rank = spatial + 2;
        var before = new int[spatial];
        var milPad = new int[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            before[i] = Math.Max(0, _padBegin[i]);
            var lastTap = ((_output[i] - 1) * _strides[i]) + ((_kernel[i] - 1) * _dilations[i]) - _padBegin[i];
            milPad[2 * i] = before[i];
            milPad[(2 * i) + 1] = Math.Max(0, lastTap + 1 - _input[i]);
        }
        var current = milPad.Any(p => p > 0)
            ? context.Op("pad", new()
            {
                { "x", x },
                { "pad", milPad },
                { "mode", "constant" },
                { "constant_val", context.Scalar(padValue, x, "pad_value") },
            }, $"{name}_padded")
            : x;
        for (var i = 0; i < spatial; i++)
        {
            var axis = i + 2;
            Value? combined = null;
            for (var t = 0; t < _kernel[i]; t++)
            {
                var start = (t * _dilations[i]) - _padBegin[i] + before[i];
                var tap = context.Op("slice_by_index", new()
                {
                    { "x", current },
                    { "begin", AxisVector(rank, axis, start) },
                    { "end", AxisVector(rank, axis, start + ((_output[i] - 1) * _strides[i]) + 1) },
                    { "stride", AxisVector(rank, axis, _strides[i], fill: 1) },
                    { "begin_mask", Enumerable.Range(0, rank).Select(d => d != axis).ToArray() },
                    { "end_mask", Enumerable.Range(0, rank).Select(d => d != axis).ToArray() },
                }, $"{name}_dim{i}_tap{t}");
                combined = combined is null ? tap
                    : context.Op(combine, new() { { "x", combined }, { "y", tap } }, $"{name}_dim{i}_{combine}{t}");
            }
            current = combined!;
        }
        return current;
    }

    /// <summary>
    /// The divisor of each average [1, 1, *out] as ONNX Runtime counts it: the taps inside the input, or with
    /// <paramref name="countPadding"/> the taps before the end of the end padding (head padding included); at least 1
    /// (a window with no tap in the input sums to 0 and stays 0).
    /// </summary>
    public Tensor WindowCounts(bool countPadding, DataType type)
    {
        var spatial = _input.Length;
        var perDim = new int[spatial][];
        for (var i = 0; i < spatial; i++)
        {
            perDim[i] = new int[_output[i]];
            for (var o = 0; o < _output[i]; o++)
            {
                var first = (o * _strides[i]) - _padBegin[i];
                var count = 0;
                for (var t = 0; t < _kernel[i]; t++)
                {
                    var position = first + (t * _dilations[i]);
                    count += (countPadding ? position < _input[i] + _padEnd[i] : position >= 0 && position < _input[i]) ? 1 : 0;
                }
                perDim[i][o] = count;
            }
        }
        var total = _output.Aggregate(1, (a, b) => a * b);
        var counts = new double[total];
        for (var flat = 0; flat < total; flat++)
        {
            var rest = flat;
            var product = 1;
            for (var i = spatial - 1; i >= 0; i--)
            {
                product *= perDim[i][rest % _output[i]];
                rest /= _output[i];
            }
            counts[flat] = Math.Max(1, product);
        }
        return Tensor.FromDoubles(counts, [1, 1, .. _output], type);
    }

    private static int[] AxisVector(int rank, int axis, int value, int fill = 0)
    {
        var v = Enumerable.Repeat(fill, rank).ToArray();
        v[axis] = value;
        return v;
    }
}
