using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Import.Ops;

/// <summary>One scanned sequence of a Scan: the initial states and the scan inputs, each with its scan axis and direction.</summary>
/// <param name="States">The initial values of the N state variables.</param>
/// <param name="Inputs">The M scan inputs.</param>
/// <param name="Axes">The scan axis of each scan input (normalized).</param>
/// <param name="Reversed">Whether each scan input is read from its end.</param>
/// <param name="Tag">A name part that keeps the ops of different sequences apart ("" for one sequence).</param>
internal sealed record ScanSequence(IReadOnlyList<Value> States, IReadOnlyList<Value> Inputs, int[] Axes, bool[] Reversed, string Tag);

/// <summary>
/// The iterations of one Scan sequence: unrolled (the body imported once per step on that step's slices, gathered at
/// a constant index) or MIL <c>while_loop</c> over (counter, states..., scan buffers...) with the slices gathered at
/// the counter.
/// </summary>
internal static class ScanSteps
{
    /// <summary>
    /// Unrolls <paramref name="steps"/> iterations. With a run-time <paramref name="length"/> (at most
    /// <paramref name="steps"/>; opset 8 sequence_lens), steps at or past it keep the states and yield zeros, and a
    /// reversed input is read from index length − 1 − t. Returns the final states and each scan output's per-step
    /// values in step order.
    /// </summary>
    public static (List<Value> States, List<List<Value>> Outputs) Unroll(OnnxNodeContext context, Graph body, ScanSequence sequence, int steps, Value? length)
    {
        var states = sequence.States.ToList();
        var outputs = Enumerable.Range(0, body.Output.Count - states.Count).Select(_ => new List<Value>()).ToList();
        var name = context.OutputName();
        var lastIndex = length is null ? null : context.Op("sub", new() { { "x", length }, { "y", 1 } }, $"{name}_{sequence.Tag}last");
        for (var t = 0; t < steps; t++)
        {
            var tag = $"{name}_{sequence.Tag}t{t}";
            var slices = new List<Value>(sequence.Inputs.Count);
            for (var i = 0; i < sequence.Inputs.Count; i++)
            {
                var index = !sequence.Reversed[i] ? context.Const(Tensor.Scalar(t), $"{sequence.Tag}t{t}_index")
                    : lastIndex is null ? context.Const(Tensor.Scalar(steps - 1 - t), $"{sequence.Tag}t{t}_index")
                    : ReversedIndex(context, lastIndex, t, $"{tag}_in{i}");
                slices.Add(context.Op("gather", new() { { "x", sequence.Inputs[i] }, { "indices", index }, { "axis", sequence.Axes[i] } }, $"{tag}_in{i}"));
            }
            var results = context.ImportSubgraph(body, context.Builder, [.. states, .. slices]);
            var valid = length is null ? null
                : context.Op("less", new() { { "x", context.Const(Tensor.Scalar(t), $"{sequence.Tag}t{t}_step") }, { "y", length } }, $"{tag}_valid");
            for (var k = 0; k < states.Count; k++)
            {
                if (valid is not null && !results[k].Type.Equals(states[k].Type))
                {
                    throw context.Unsupported($"state variable {k} changes type from {states[k].Type} to {results[k].Type} under run-time sequence_lens");
                }
                states[k] = valid is null ? results[k] : context.Op("select", new() { { "cond", valid }, { "a", results[k] }, { "b", states[k] } }, $"{tag}_state{k}");
            }
            for (var k = 0; k < outputs.Count; k++)
            {
                var value = results[states.Count + k];
                outputs[k].Add(valid is null ? value
                    : context.Op("select", new() { { "cond", valid }, { "a", value }, { "b", context.Const(Tensor.Zeros(value.DataType, []), $"{sequence.Tag}zero") } }, $"{tag}_out{k}"));
            }
        }
        return (states, outputs);
    }

    /// <summary>
    /// Runs the body while the counter is below <paramref name="length"/> (an int32 scalar, constant or run-time) as
    /// MIL while_loop over (counter, states..., scan buffers...). Each scan output is a buffer of
    /// <paramref name="rows"/> rows (zeros past the steps run), written at the counter, or from the end when
    /// <paramref name="outputReversed"/>. Returns the final states and the buffers [rows, ...elem].
    /// </summary>
    public static (List<Value> States, List<Value> Buffers) WhileLoop(OnnxNodeContext context, Graph body, ScanSequence sequence, Value length, Value rows,
        bool[] outputReversed)
    {
        var name = $"{context.OutputName()}_{sequence.Tag}loop";
        var stateCount = sequence.States.Count;
        var scanCount = body.Output.Count - stateCount;
        var lastIndex = sequence.Reversed.Any(r => r) ? context.Op("sub", new() { { "x", length }, { "y", 1 } }, $"{name}_last") : null;
        var lastRow = outputReversed.Any(r => r) ? context.Op("sub", new() { { "x", rows }, { "y", 1 } }, $"{name}_last_row") : null;
        var counter = context.Const(Tensor.Scalar(0), $"{sequence.Tag}counter");
        IReadOnlyList<Value> Step(MilBuilder b, IReadOnlyList<Value> vars)
        {
            var slices = new List<Value>(sequence.Inputs.Count);
            for (var i = 0; i < sequence.Inputs.Count; i++)
            {
                var index = sequence.Reversed[i] ? b.Single("sub", new() { { "x", lastIndex! }, { "y", vars[0] } }, $"{name}_index{i}") : vars[0];
                slices.Add(b.Single("gather", new() { { "x", sequence.Inputs[i] }, { "indices", index }, { "axis", sequence.Axes[i] } }, $"{name}_in{i}"));
            }
            var results = context.ImportSubgraph(body, b, [.. vars.Skip(1).Take(stateCount), .. slices]);
            b.Origin = context.Origin;
            return results;
        }
        var start = new List<Value> { counter };
        start.AddRange(sequence.States);
        var buffers = scanCount == 0 ? []
            : LoopScanOutputs.Allocate(context, LoopScanOutputs.Probe(context, start, (b, vars) => Step(b, vars).Skip(stateCount)), rows);
        var finals = context.Builder.WhileLoop([.. start, .. buffers],
            (b, vars) => b.Single("less", new() { { "x", vars[0] }, { "y", length } }, $"{name}_continue"),
            (b, vars) =>
            {
                var results = Step(b, vars);
                var next = b.Single("add", new() { { "x", vars[0] }, { "y", 1 } }, $"{name}_next");
                var targets = outputReversed.Select((r, k) => r ? b.Single("sub", new() { { "x", lastRow! }, { "y", vars[0] } }, $"{name}_row{k}") : vars[0]).ToList();
                var written = LoopScanOutputs.Write(b, name, [.. vars.Skip(1 + stateCount)], targets, [.. results.Skip(stateCount)]);
                return [next, .. results.Take(stateCount), .. written];
            },
            name);
        return ([.. finals.Skip(1).Take(stateCount)], [.. finals.Skip(1 + stateCount)]);
    }

    /// <summary>The length of a scan input along its scan axis as an int32 scalar (a const when the dim is known).</summary>
    public static Value Length(OnnxNodeContext context, Value x, int axis, string suffix)
    {
        if (x.Shape[axis].IsKnown)
        {
            return context.Const(Tensor.Scalar((int)x.Shape[axis].Size), suffix);
        }
        var shape = context.Op("shape", new() { { "x", x } }, $"{context.OutputName()}_{suffix}_shape");
        return context.Op("gather", new() { { "x", shape }, { "indices", axis }, { "axis", 0 } }, $"{context.OutputName()}_{suffix}");
    }

    /// <summary>Zeros shaped like <paramref name="like"/> (a const when its shape is static, else fill).</summary>
    public static Value ZerosLike(OnnxNodeContext context, Value like, string suffix)
    {
        if (like.Shape.IsStatic)
        {
            return context.Const(Tensor.Zeros(like.DataType, like.Shape.ToStatic()), suffix);
        }
        var shape = context.Op("shape", new() { { "x", like } }, $"{context.OutputName()}_{suffix}_shape");
        return context.Op("fill", new() { { "shape", shape }, { "value", context.Const(Tensor.Zeros(like.DataType, []), $"{suffix}_value") } }, $"{context.OutputName()}_{suffix}");
    }

    /// <summary>max(length − 1 − t, 0): past the end of a short sequence the step is masked, any valid index will do.</summary>
    private static Value ReversedIndex(OnnxNodeContext context, Value lastIndex, int t, string name)
    {
        var index = context.Op("sub", new() { { "x", lastIndex }, { "y", t } }, $"{name}_index");
        return context.Op("maximum", new() { { "x", index }, { "y", 0 } }, $"{name}_clamped");
    }
}
