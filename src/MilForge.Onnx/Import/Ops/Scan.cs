using MilForge.Mil;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Scan(states..., scan inputs...) with a body (states..., slices...) → (states..., per-step scan outputs...).
/// Opset 9+: each scan input is sliced along its scan_input_axes entry (from the end for scan_input_directions = 1),
/// each scan output stacks the per-step values along its scan_output_axes entry (in reverse step order for
/// scan_output_directions = 1). Opset 8: every input has a leading batch axis and the scan axis is 1; the body runs
/// per batch element (directions for the inputs, optional sequence_lens: a constant stops that element early, a
/// run-time one masks the steps past it; short sequences get zeros in their scan outputs, as ONNX Runtime gives).
/// A scan length known at import of at most <see cref="MaxUnrolled"/> steps in all (times the batch for opset 8) is
/// unrolled, the body imported once per step; otherwise the steps become MIL <c>while_loop</c> over (counter, states...,
/// scan buffers...): each scan output preallocated to the scan length and written per step (scatter), then moved to
/// its axis (transpose).
/// </summary>
[OnnxOp("Scan", 8, 9, 11, 16, 19, 21)]
internal sealed class Scan : IOnnxConverter
{
    /// <summary>The most body imports an unrolled Scan may take; longer scans become while_loop.</summary>
    internal const int MaxUnrolled = 256;

    public void Convert(OnnxNodeContext context)
    {
        var body = context.Attributes.Graph("body") ?? throw context.Unsupported("the body attribute is missing");
        if (!context.Attributes.Has("num_scan_inputs"))
        {
            throw context.Unsupported("the num_scan_inputs attribute is missing");
        }
        var first = context.Since == 8 ? 1 : 0;
        var variadic = context.InputCount - first;
        var declared = context.Attributes.Int("num_scan_inputs");
        if (declared < 1 || declared > variadic)
        {
            throw context.Unsupported($"num_scan_inputs {declared} must be at least 1 and at most the {variadic} state and scan inputs");
        }
        var scanInputCount = (int)declared;
        var stateCount = variadic - scanInputCount;
        if (body.Input.Count != variadic)
        {
            throw context.Unsupported($"the body takes {body.Input.Count} inputs for {variadic} state and scan inputs");
        }
        var scanOutputCount = body.Output.Count - stateCount;
        if (scanOutputCount < 0 || context.OutputCount > body.Output.Count)
        {
            throw context.Unsupported($"the body returns {body.Output.Count} values for {stateCount} state variables and {context.OutputCount} outputs");
        }
        var states = Enumerable.Range(first, stateCount).Select(context.Input).ToList();
        var inputs = Enumerable.Range(first + stateCount, scanInputCount).Select(context.Input).ToList();
        var outputs = context.Since == 8
            ? ScanBatched.Convert(context, body, states, inputs, scanOutputCount)
            : Sequence(context, body, states, inputs, scanOutputCount);
        for (var i = 0; i < context.OutputCount; i++)
        {
            context.SetOutput(i, outputs[i]);
        }
    }

    /// <summary>Opset 9+: one sequence, scan axes and directions per input and per output.</summary>
    private static List<Value> Sequence(OnnxNodeContext context, Graph body, List<Value> states, List<Value> inputs, int scanOutputCount)
    {
        var axes = Axes(context, "scan_input_axes", inputs.Count).Select((a, i) => ConverterHelpers.NormalizeAxis(context, a, inputs[i].Shape.Rank)).ToArray();
        var reversed = Directions(context, "scan_input_directions", inputs.Count);
        var outputAxes = Axes(context, "scan_output_axes", scanOutputCount);
        var outputReversed = Directions(context, "scan_output_directions", scanOutputCount);
        var length = StaticLength(context, inputs, axes);
        var sequence = new ScanSequence(states, inputs, axes, reversed, "");
        if (length is not { } steps || steps > MaxUnrolled)
        {
            var count = length is { } n ? context.Const(Numerics.Tensor.Scalar(n), "length") : ScanSteps.Length(context, inputs[0], axes[0], "length");
            var (loopStates, buffers) = ScanSteps.WhileLoop(context, body, sequence, count, count, outputReversed);
            return [.. loopStates, .. buffers.Select((b, k) => AlongAxis(context, b, outputAxes[k], states.Count + k))];
        }
        if (steps == 0 && scanOutputCount > 0)
        {
            throw context.Unsupported("scan outputs of an empty scan (length 0) have no shape known at import");
        }
        var (finals, perStep) = ScanSteps.Unroll(context, body, sequence, steps, null);
        var outputs = new List<Value>(finals);
        for (var k = 0; k < scanOutputCount; k++)
        {
            var values = outputReversed[k] ? Enumerable.Reverse(perStep[k]).ToArray() : [.. perStep[k]];
            var axis = ConverterHelpers.NormalizeAxis(context, outputAxes[k], values[0].Shape.Rank + 1);
            outputs.Add(context.Op("stack", new() { { "values", values }, { "axis", axis } }, context.OutputName(states.Count + k)));
        }
        return outputs;
    }

    /// <summary>The common scan length of the inputs when some input's scan dim is known; ONNX1005 when two differ.</summary>
    private static int? StaticLength(OnnxNodeContext context, List<Value> inputs, int[] axes)
    {
        var known = inputs.Select((x, i) => x.Shape[axes[i]]).Where(d => d.IsKnown).Select(d => (int)d.Size).Distinct().ToList();
        return known.Count switch
        {
            0 => null,
            1 => known[0],
            _ => throw context.Unsupported($"the scan inputs have different lengths along their scan axes ({string.Join(", ", known)})"),
        };
    }

    /// <summary>A while_loop scan buffer [steps, ...elem] with its step axis moved to the scan output axis.</summary>
    private static Value AlongAxis(OnnxNodeContext context, Value buffer, long outputAxis, int output)
    {
        var rank = buffer.Shape.Rank;
        var axis = ConverterHelpers.NormalizeAxis(context, outputAxis, rank);
        if (axis == 0)
        {
            return buffer;
        }
        var perm = Enumerable.Range(0, rank).Select(i => i < axis ? i + 1 : i == axis ? 0 : i).ToArray();
        return context.Op("transpose", new() { { "x", buffer }, { "perm", perm } }, context.OutputName(output));
    }

    /// <summary>An axes attribute with one entry per input or output (0 when absent).</summary>
    private static long[] Axes(OnnxNodeContext context, string attribute, int count)
    {
        var axes = context.Attributes.Ints(attribute) ?? new long[count];
        return axes.Length == count ? axes : throw context.Unsupported($"{attribute} has {axes.Length} entries for {count} values");
    }

    /// <summary>A directions attribute with one 0 (forward) or 1 (reverse) per input or output (forward when absent).</summary>
    internal static bool[] Directions(OnnxNodeContext context, string attribute, int count)
    {
        var flags = context.Attributes.Ints(attribute) ?? new long[count];
        if (flags.Length != count || flags.Any(f => f is not (0 or 1)))
        {
            throw context.Unsupported($"{attribute} must hold {count} entries of 0 or 1, it is [{string.Join(", ", flags)}]");
        }
        return [.. flags.Select(f => f == 1)];
    }
}
