using MilForge.Mil;
using MilForge.Onnx.Import.Ops.Recurrent;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// GRU → one MIL <c>gru</c> per direction (weights reordered from ONNX's z, r, h to MIL's r, o, z, biases summed;
/// bidirectional runs a forward and a reverse op) for linear_before_reset = 0, which is MIL's formulation (the reset
/// gate scales h before the recurrent product, Rb_h outside it), with no clip, activations MIL has and no effective
/// sequence_lens. linear_before_reset = 1 (PyTorch's GRU), clip, other activations, sequence_lens and run-time
/// weights are unrolled over the static T.
/// </summary>
[OnnxOp("GRU", 7, 14, 22)]
internal sealed class Gru : IOnnxConverter
{
    private static readonly int[] MilGateOrder = [1, 2, 0];

    public void Convert(OnnxNodeContext context)
    {
        var node = RecurrentNode.Read(context, 3, ["Sigmoid", "Tanh"]);
        if (node.Steps == 0)
        {
            throw context.Unsupported("an empty sequence (T = 0) is not supported");
        }
        var linearBeforeReset = context.Attributes.Int("linear_before_reset", 0) != 0;
        var (sequences, finalH) = (new Value[node.Directions], new Value[node.Directions]);
        var mil = node.ConstantWeights && !linearBeforeReset && node.Clip is null && node.SequenceLengths is null && node.MilActivations
            && (node.Type == Numerics.DataType.Float32 || context.Builder.Function.Target >= DeploymentTarget.iOS17);
        for (var d = 0; d < node.Directions; d++)
        {
            (sequences[d], finalH[d]) = mil ? ConvertToMil(node, d) : Unroll(node, d, linearBeforeReset);
        }
        node.SetOutputs(context.HasOutput(0) ? sequences : null, finalH);
    }

    private static (Value Sequence, Value H) ConvertToMil(RecurrentNode node, int d)
    {
        var context = node.Context;
        var acts = node.ActivationsOf(d);
        var name = context.OutputName();
        var outputs = context.Builder.Build("gru", new()
        {
            { "x", node.X },
            { "initial_h", node.InitialState(5, d, "h") },
            { "weight_ih", node.InputWeights(d, MilGateOrder) },
            { "weight_hh", node.RecurrentWeights(d, MilGateOrder) },
            { "bias", node.SummedBias(d, MilGateOrder) },
            { "direction", node.Backward(d) ? "reverse" : "forward" },
            { "output_sequence", context.HasOutput(0) },
            { "recurrent_activation", acts[0].MilName! },
            { "activation", acts[1].MilName! },
        }, $"{name}_gru_d{d}");
        // Each direction is its own MIL op, so a backward one writes its sequence in processing order.
        var sequence = context.HasOutput(0) ? node.TimeAligned(outputs[0], node.Backward(d), $"{name}_y_d{d}") : null!;
        return (sequence, outputs[1]);
    }

    private static (Value Sequence, Value H) Unroll(RecurrentNode node, int d, bool linearBeforeReset)
    {
        var context = node.Context;
        var name = context.OutputName();
        var (f, g) = (node.ActivationsOf(d)[0], node.ActivationsOf(d)[1]);
        var projected = node.Projection(d, [0, 1, 2], withBias: true, $"{name}_xw_d{d}");
        var h = node.InitialState(5, d, "h");
        var perTime = new Value[node.Steps];
        for (var k = 0; k < node.Steps; k++)
        {
            var t = node.Time(d, k);
            var n = $"{name}_d{d}_t{t}";
            var x = node.SplitGates(node.Step(projected, t, $"{n}_x"), 3, $"{n}_xg");
            Value z, r, candidate;
            if (linearBeforeReset)
            {
                var rec = node.SplitGates(node.Recur(h, d, [0, 1, 2], withBias: true, $"{n}_hr"), 3, $"{n}_hg");
                z = f.Apply(context, node.ClipGate(node.Binary("add", x[0], rec[0], $"{n}_gz"), $"{n}_clip_z"), $"{n}_z");
                r = f.Apply(context, node.ClipGate(node.Binary("add", x[1], rec[1], $"{n}_gr"), $"{n}_clip_r"), $"{n}_r");
                var gated = node.Binary("mul", r, rec[2], $"{n}_rh");
                candidate = g.Apply(context, node.ClipGate(node.Binary("add", x[2], gated, $"{n}_gh"), $"{n}_clip_h"), $"{n}_hh");
            }
            else
            {
                var rec = node.SplitGates(node.Recur(h, d, [0, 1], withBias: true, $"{n}_hr"), 2, $"{n}_hg");
                z = f.Apply(context, node.ClipGate(node.Binary("add", x[0], rec[0], $"{n}_gz"), $"{n}_clip_z"), $"{n}_z");
                r = f.Apply(context, node.ClipGate(node.Binary("add", x[1], rec[1], $"{n}_gr"), $"{n}_clip_r"), $"{n}_r");
                var reset = node.Recur(node.Binary("mul", r, h, $"{n}_rh"), d, [2], withBias: true, $"{n}_rhr");
                candidate = g.Apply(context, node.ClipGate(node.Binary("add", x[2], reset, $"{n}_gh"), $"{n}_clip_h"), $"{n}_hh");
            }
            var keep = context.Op("sub", new() { { "x", node.Scalar(1) }, { "y", z } }, $"{n}_1z");
            var next = node.Binary("add", node.Binary("mul", keep, candidate, $"{n}_new"), node.Binary("mul", z, h, $"{n}_old"), $"{n}_h");
            h = node.Hold(t, next, h, $"{n}_h_held");
            perTime[t] = node.ZeroPast(t, h, $"{n}_y");
        }
        return (context.HasOutput(0) ? node.StackTime(perTime, $"{name}_y_d{d}") : null!, h);
    }
}
