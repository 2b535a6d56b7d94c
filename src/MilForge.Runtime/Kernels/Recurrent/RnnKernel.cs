using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Recurrent;

/// <summary><c>rnn</c>: h = activation(W·x + b + R·h), the input projection for all steps at once.</summary>
internal sealed class RnnKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["rnn"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var layer = new RecurrentLayer(context, gates: 1);
        var activation = RecurrentActivation.Of(context.String("activation", "tanh"), context);
        var (hidden, batch, columns) = (layer.Hidden, layer.Batch, layer.Steps * layer.Batch);
        var projected = layer.Project("weight_ih", "bias");
        var recurrent = context.Input("weight_hh").AsFloats();
        var h = layer.InitialState("initial_h", 0);
        var product = new float[hidden * batch];
        for (var step = 0; step < layer.Steps; step++)
        {
            var t = layer.Time(0, step);
            layer.Recur(recurrent, 0, hidden, h, product);
            for (var j = 0; j < hidden; j++)
            {
                for (var b = 0; b < batch; b++)
                {
                    var s = (j * batch) + b;
                    h[s] = layer.Round(activation(projected[(j * columns) + (t * batch) + b] + product[s]));
                }
            }
            layer.Emit(0, step, h);
        }
        layer.Finish(0, h);
        return layer.Outputs();
    }
}
