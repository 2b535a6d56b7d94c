using MilForge.Mil;
using MilForge.Onnx.Import.Ops.Recurrent;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// RNN → one MIL <c>rnn</c> per direction (biases summed; bidirectional runs a forward and a reverse op) when there
/// is no clip, the activation is one MIL has sequence_lens has no effect and the weights are constant; otherwise unrolled over the static T.
/// </summary>
[OnnxOp("RNN", 7, 14, 22)]
internal sealed class Rnn : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var node = RecurrentNode.Read(context, 1, ["Tanh"]);
        if (node.Steps == 0)
        {
            throw context.Unsupported("an empty sequence (T = 0) is not supported");
        }
        var (sequences, finalH) = (new Value[node.Directions], new Value[node.Directions]);
        var mil = node.ConstantWeights && node.Clip is null && node.SequenceLengths is null && node.MilActivations
            && (node.Type == Numerics.DataType.Float32 || context.Builder.Function.Target >= DeploymentTarget.iOS17);
        for (var d = 0; d < node.Directions; d++)
        {
            (sequences[d], finalH[d]) = mil ? ConvertToMil(node, d) : Unroll(node, d);
        }
        node.SetOutputs(context.HasOutput(0) ? sequences : null, finalH);
    }

    private static (Value Sequence, Value H) ConvertToMil(RecurrentNode node, int d)
    {
        var context = node.Context;
        var name = context.OutputName();
        var outputs = context.Builder.Build("rnn", new()
        {
            { "x", node.X },
            { "initial_h", node.InitialState(5, d, "h") },
            { "weight_ih", node.InputWeights(d, 0) },
            { "weight_hh", node.RecurrentWeights(d, 0) },
            { "bias", node.SummedBias(d, 0) },
            { "direction", node.Backward(d) ? "reverse" : "forward" },
            { "output_sequence", context.HasOutput(0) },
            { "activation", node.ActivationsOf(d)[0].MilName! },
        }, $"{name}_rnn_d{d}");
        var sequence = context.HasOutput(0) ? node.TimeAligned(outputs[0], node.Backward(d), $"{name}_y_d{d}") : null!;
        return (sequence, outputs[1]);
    }

    private static (Value Sequence, Value H) Unroll(RecurrentNode node, int d)
    {
        var context = node.Context;
        var name = context.OutputName();
        var f = node.ActivationsOf(d)[0];
        var projected = node.Projection(d, [0], withBias: true, $"{name}_xw_d{d}");
        var h = node.InitialState(5, d, "h");
        var perTime = new Value[node.Steps];
        for (var k = 0; k < node.Steps; k++)
        {
            var t = node.Time(d, k);
            var n = $"{name}_d{d}_t{t}";
            var pre = node.Binary("add", node.Step(projected, t, $"{n}_x"), node.Recur(h, d, [0], withBias: true, $"{n}_hr"), $"{n}_pre");
            h = node.Hold(t, f.Apply(context, node.ClipGate(pre, $"{n}_clip"), $"{n}_h"), h, $"{n}_h_held");
            perTime[t] = node.ZeroPast(t, h, $"{n}_y");
        }
        return (context.HasOutput(0) ? node.StackTime(perTime, $"{name}_y_d{d}") : null!, h);
    }
}
