using MilForge.Mil;
using MilForge.Onnx.Import.Ops.Recurrent;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LSTM → MIL <c>lstm</c> (weights reordered from ONNX's i, o, f, c to MIL's i, f, o, z, biases summed, peepholes
/// reordered) when MIL computes exactly the same: no clip (ONNX clips gate inputs, MIL the cell state), no
/// input_forget, activations MIL has (the same in both directions), no effective sequence_lens, and constant W, R, B
/// and P. Otherwise an unrolled form over the static T (linear or matmul/add/activation/mul per step, select for
/// sequence_lens masking).
/// </summary>
[OnnxOp("LSTM", 7, 14, 22)]
internal sealed class Lstm : IOnnxConverter
{
    private static readonly int[] MilGateOrder = [0, 2, 1, 3];

    public void Convert(OnnxNodeContext context)
    {
        var node = RecurrentNode.Read(context, 4, ["Sigmoid", "Tanh", "Tanh"]);
        if (node.Steps == 0)
        {
            throw context.Unsupported("an empty sequence (T = 0) is not supported");
        }
        var inputForget = context.Attributes.Int("input_forget", 0) != 0;
        var peepholes = Peepholes(node);
        var runTimePeepholes = context.HasInput(7) && peepholes is null;
        var sameActivations = node.Directions == 1
            || node.ActivationsOf(0).Select(a => a.MilName).SequenceEqual(node.ActivationsOf(1).Select(a => a.MilName));
        if (node.ConstantWeights && !runTimePeepholes && node.Clip is null && !inputForget && node.SequenceLengths is null && node.MilActivations && sameActivations
            && (node.Type == Numerics.DataType.Float32 || node.Context.Builder.Function.Target >= DeploymentTarget.iOS17))
        {
            ConvertToMil(node, peepholes);
        }
        else
        {
            Unroll(node, PeepholeValues(node, peepholes), inputForget);
        }
    }

    /// <summary>Per direction the peepholes i, o, f as [H] constants, or null.</summary>
    private static Numerics.Tensor[][]? Peepholes(RecurrentNode node)
    {
        var context = node.Context;
        if (!context.HasInput(7))
        {
            return null;
        }
        if (context.ConstantInput(7) is not { } p)
        {
            return null;
        }
        var h = node.Hidden;
        if (p.Length != node.Directions * 3 * h)
        {
            throw context.Unsupported($"P must be [{node.Directions}, {3 * h}]");
        }
        var values = p.AsFloats();
        return [.. Enumerable.Range(0, node.Directions).Select(d => Enumerable.Range(0, 3)
            .Select(g => Numerics.Tensor.FromFloats(values[(((d * 3) + g) * h)..(((d * 3) + g + 1) * h)], [h], node.Type)).ToArray())];
    }

    /// <summary>Per direction the peepholes i, o, f as [H] values (constants, or slices of a run-time P), or null.</summary>
    private static Value[][]? PeepholeValues(RecurrentNode node, Numerics.Tensor[][]? constants)
    {
        var context = node.Context;
        if (constants is not null)
        {
            return [.. constants.Select(d => d.Select(p => context.Const(p, "p")).ToArray())];
        }
        if (!context.HasInput(7))
        {
            return null;
        }
        var p = context.Input(7);
        var h = node.Hidden;
        if (!p.Shape.IsStatic || !p.Shape.ToStatic().SequenceEqual([node.Directions, 3 * h]))
        {
            throw context.Unsupported($"P {p.Shape} must be [{node.Directions}, {3 * h}]");
        }
        return [.. Enumerable.Range(0, node.Directions).Select(d => Enumerable.Range(0, 3).Select(g => context.Op("slice_by_index", new()
        {
            { "x", p }, { "begin", new[] { d, g * h } }, { "end", new[] { d + 1, (g + 1) * h } }, { "squeeze_mask", new[] { true, false } },
        }, $"{context.OutputName()}_p{g}_d{d}")).ToArray())];
    }

    private static void ConvertToMil(RecurrentNode node, Numerics.Tensor[][]? peepholes)
    {
        var context = node.Context;
        var acts = node.ActivationsOf(0);
        var args = new Mil.Building.OpArgs
        {
            { "x", node.X },
            { "initial_h", node.InitialStates(5, "h") },
            { "initial_c", node.InitialStates(6, "c") },
        };
        for (var d = 0; d < node.Directions; d++)
        {
            var suffix = d == 1 ? "_back" : "";
            args.Add("weight_ih" + suffix, node.InputWeights(d, MilGateOrder));
            args.Add("weight_hh" + suffix, node.RecurrentWeights(d, MilGateOrder));
            args.Add("bias" + suffix, node.SummedBias(d, MilGateOrder));
            if (peepholes is not null)
            {
                // ONNX orders peepholes i, o, f; MIL i, f, o.
                var p = peepholes[d];
                args.Add("peephole" + suffix, Numerics.Tensor.FromFloats([.. p[0].AsFloats(), .. p[2].AsFloats(), .. p[1].AsFloats()], [3 * node.Hidden], node.Type));
            }
        }
        args.Add("direction", node.Direction);
        args.Add("output_sequence", context.HasOutput(0));
        args.Add("recurrent_activation", acts[0].MilName!);
        args.Add("cell_activation", acts[1].MilName!);
        args.Add("activation", acts[2].MilName!);
        var name = context.OutputName();
        var outputs = context.Builder.Build("lstm", args, $"{name}_lstm");
        var directions = Enumerable.Range(0, node.Directions);
        var sequences = context.HasOutput(0)
            ? directions.Select(d => node.TimeAligned(node.Half(outputs[0], d, $"{name}_y_d{d}"), node.Direction == "reverse", $"{name}_y_time_d{d}")).ToArray()
            : null;
        node.SetOutputs(sequences,
            [.. directions.Select(d => node.Half(outputs[1], d, $"{name}_h_d{d}"))],
            [.. directions.Select(d => node.Half(outputs[2], d, $"{name}_c_d{d}"))]);
    }

    private static void Unroll(RecurrentNode node, Value[][]? peepholes, bool inputForget)
    {
        var context = node.Context;
        var name = context.OutputName();
        var (sequences, finalH, finalC) = (new Value[node.Directions], new Value[node.Directions], new Value[node.Directions]);
        int[] all = [0, 1, 2, 3];
        for (var d = 0; d < node.Directions; d++)
        {
            var (f, g, act) = (node.ActivationsOf(d)[0], node.ActivationsOf(d)[1], node.ActivationsOf(d)[2]);
            var projected = node.Projection(d, all, withBias: true, $"{name}_xw_d{d}");
            var h = node.InitialState(5, d, "h");
            var c = node.InitialState(6, d, "c");
            var perTime = new Value[node.Steps];
            for (var k = 0; k < node.Steps; k++)
            {
                var t = node.Time(d, k);
                var n = $"{name}_d{d}_t{t}";
                var pre = node.Binary("add", node.Step(projected, t, $"{n}_x"), node.Recur(h, d, all, withBias: true, $"{n}_hr"), $"{n}_pre");
                var gates = node.SplitGates(pre, 4, $"{n}_gates");
                var (gi, go, gf, gc) = (gates[0], gates[1], gates[2], gates[3]);
                if (peepholes is not null)
                {
                    gi = node.Binary("add", gi, node.Binary("mul", c, peepholes[d][0], $"{n}_pci"), $"{n}_gi");
                    gf = node.Binary("add", gf, node.Binary("mul", c, peepholes[d][2], $"{n}_pcf"), $"{n}_gf");
                }
                var i = f.Apply(context, node.ClipGate(gi, $"{n}_clip_i"), $"{n}_i");
                var forget = inputForget
                    ? context.Op("sub", new() { { "x", node.Scalar(1) }, { "y", i } }, $"{n}_f")
                    : f.Apply(context, node.ClipGate(gf, $"{n}_clip_f"), $"{n}_f");
                var candidate = g.Apply(context, node.ClipGate(gc, $"{n}_clip_c"), $"{n}_g");
                var cNext = node.Binary("add", node.Binary("mul", forget, c, $"{n}_fc"), node.Binary("mul", i, candidate, $"{n}_ig"), $"{n}_c");
                if (peepholes is not null)
                {
                    go = node.Binary("add", go, node.Binary("mul", cNext, peepholes[d][1], $"{n}_pco"), $"{n}_go");
                }
                var o = f.Apply(context, node.ClipGate(go, $"{n}_clip_o"), $"{n}_o");
                var hNext = node.Binary("mul", o, act.Apply(context, cNext, $"{n}_hc"), $"{n}_h");
                h = node.Hold(t, hNext, h, $"{n}_h_held");
                c = node.Hold(t, cNext, c, $"{n}_c_held");
                perTime[t] = node.ZeroPast(t, h, $"{n}_y");
            }
            sequences[d] = context.HasOutput(0) ? node.StackTime(perTime, $"{name}_y_d{d}") : null!;
            (finalH[d], finalC[d]) = (h, c);
        }
        node.SetOutputs(context.HasOutput(0) ? sequences : null, finalH, finalC);
    }
}
