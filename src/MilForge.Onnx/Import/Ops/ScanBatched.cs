using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Scan-8: states [B, ...] and scan inputs [B, T, ...]; the body sees one batch element (no batch axis). Each element
/// is its own sequence (the inputs gathered at b, scan axis 0), and the results are stacked back along axis 0: final
/// states [B, ...], scan outputs [B, T, ...]. sequence_lens (optional, per element, 1 ≤ len ≤ T): a constant stops
/// the element after len steps and pads its scan outputs with zeros; a run-time one runs T steps masked past len.
/// Past the unrolling budget each element is a while_loop of len (or T) steps writing T-row scan buffers.
/// </summary>
internal static class ScanBatched
{
    public static List<Value> Convert(OnnxNodeContext context, Graph body, List<Value> states, List<Value> inputs, int scanOutputCount)
    {
        var reversed = Scan.Directions(context, "directions", inputs.Count);
        var batch = Batch(context, states, inputs);
        var length = SequenceLength(context, inputs);
        var lengths = context.OptionalInput(0);
        var constantLengths = lengths?.ConstantValue?.AsLongs();
        if (lengths is not null && (lengths.Shape.ElementCount is { } n && n != batch || constantLengths is not null && length is { } t
            && constantLengths.Any(l => l < 1 || l > t)))
        {
            throw context.Unsupported($"sequence_lens must hold {batch} lengths from 1 to the sequence length {length}, it is {lengths.Type}"
                + (constantLengths is null ? "" : $" [{string.Join(", ", constantLengths)}]"));
        }
        var unrolled = length is { } total && (long)total * batch <= Scan.MaxUnrolled;
        if (unrolled && length == 0 && scanOutputCount > 0)
        {
            throw context.Unsupported("scan outputs of an empty sequence (length 0) have no shape known at import");
        }
        var finals = states.Select(_ => new List<Value>()).ToList();
        var scans = Enumerable.Range(0, scanOutputCount).Select(_ => new List<Value>()).ToList();
        var name = context.OutputName();
        for (var b = 0; b < batch; b++)
        {
            var index = context.Const(Tensor.Scalar(b), $"b{b}");
            Value Element(Value x, string what) => context.Op("gather", new() { { "x", x }, { "indices", index }, { "axis", 0 } }, $"{name}_b{b}_{what}");
            var sequence = new ScanSequence([.. states.Select((s, k) => Element(s, $"state{k}"))], [.. inputs.Select((x, i) => Element(x, $"in{i}"))],
                new int[inputs.Count], reversed, $"b{b}");
            var runTimeLength = lengths is not null && constantLengths is null ? Element(lengths, "length") : null;
            if (!unrolled)
            {
                var rows = ScanSteps.Length(context, sequence.Inputs[0], 0, $"b{b}_rows");
                var loopLength = constantLengths is not null ? context.Const(Tensor.Scalar((int)constantLengths[b]), $"b{b}_length") : runTimeLength ?? rows;
                var (loopStates, buffers) = ScanSteps.WhileLoop(context, body, sequence, loopLength, rows, new bool[scanOutputCount]);
                Append(finals, loopStates);
                Append(scans, buffers);
                continue;
            }
            var steps = constantLengths is null ? length!.Value : (int)constantLengths[b];
            var (elementStates, perStep) = ScanSteps.Unroll(context, body, sequence, steps, runTimeLength);
            Append(finals, elementStates);
            for (var k = 0; k < scanOutputCount; k++)
            {
                var values = perStep[k];
                var zeros = values.Count < length ? ScanSteps.ZerosLike(context, values[0], $"b{b}_pad{k}") : null;
                values.AddRange(Enumerable.Repeat(zeros!, length!.Value - values.Count));
                scans[k].Add(context.Op("stack", new() { { "values", values.ToArray() }, { "axis", 0 } }, $"{name}_b{b}_scan{k}"));
            }
        }
        var outputs = finals.Select((f, k) => context.Op("stack", new() { { "values", f.ToArray() }, { "axis", 0 } }, context.OutputName(k))).ToList();
        outputs.AddRange(scans.Select((s, k) => context.Op("stack", new() { { "values", s.ToArray() }, { "axis", 0 } }, context.OutputName(states.Count + k))));
        return outputs;
    }

    private static void Append(List<List<Value>> lists, IReadOnlyList<Value> values)
    {
        for (var k = 0; k < lists.Count; k++)
        {
            lists[k].Add(values[k]);
        }
    }

    /// <summary>The batch size, axis 0 of every state and scan input; it must be known and agree.</summary>
    private static int Batch(OnnxNodeContext context, List<Value> states, List<Value> inputs)
    {
        if (states.Any(s => s.Shape.Rank < 1) || inputs.Any(x => x.Shape.Rank < 2))
        {
            throw context.Unsupported("opset 8 states need a batch axis and scan inputs a batch and a sequence axis");
        }
        var dims = states.Concat(inputs).Select(v => v.Shape[0]).ToList();
        var known = dims.Where(d => d.IsKnown).Select(d => (int)d.Size).Distinct().ToList();
        if (known.Count != 1 || dims.Any(d => !d.IsKnown))
        {
            throw context.Unsupported($"opset 8 Scan runs the body per batch element and needs one batch size known at import, the batch dims are [{string.Join(", ", dims)}]");
        }
        return known[0];
    }

    /// <summary>The sequence length (axis 1 of the scan inputs) when known; ONNX1005 when two inputs differ.</summary>
    private static int? SequenceLength(OnnxNodeContext context, List<Value> inputs)
    {
        var known = inputs.Select(x => x.Shape[1]).Where(d => d.IsKnown).Select(d => (int)d.Size).Distinct().ToList();
        return known.Count switch
        {
            0 => null,
            1 => known[0],
            _ => throw context.Unsupported($"the scan inputs have different sequence lengths ({string.Join(", ", known)})"),
        };
    }
}
