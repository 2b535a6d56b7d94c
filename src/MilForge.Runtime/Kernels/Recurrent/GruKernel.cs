using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Recurrent;

/// <summary>
/// <c>gru</c>: gates in MIL's order r, o, z; the reset gate scales h before the output gate's recurrent product, so
/// each step takes R_r·h and R_z·h, then R_o·(r·h).
/// </summary>
internal sealed class GruKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["gru"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var layer = new RecurrentLayer(context, gates: 3);
        var recurrentActivation = RecurrentActivation.Of(context.String("recurrent_activation", "sigmoid"), context);
        var activation = RecurrentActivation.Of(context.String("activation", "tanh"), context);
        var (hidden, batch, columns) = (layer.Hidden, layer.Batch, layer.Steps * layer.Batch);
        var projected = layer.Project("weight_ih", "bias");
        var recurrent = context.Input("weight_hh").AsFloats();
        var h = layer.InitialState("initial_h", 0);
        var (reset, update, output) = (new float[hidden * batch], new float[hidden * batch], new float[hidden * batch]);
        var scaled = new float[hidden * batch];
        for (var step = 0; step < layer.Steps; step++)
        {
            var t = layer.Time(0, step);
            float Projected(int g, int j, int b) => projected[((((g * hidden) + j) * columns) + (t * batch)) + b];
            layer.Recur(recurrent, 0, hidden, h, reset);
            layer.Recur(recurrent, 2 * hidden, hidden, h, update);
            for (var j = 0; j < hidden; j++)
            {
                for (var b = 0; b < batch; b++)
                {
                    var s = (j * batch) + b;
                    reset[s] = recurrentActivation(Projected(0, j, b) + reset[s]);
                    update[s] = recurrentActivation(Projected(2, j, b) + update[s]);
                    scaled[s] = reset[s] * h[s];
                }
            }
            layer.Recur(recurrent, hidden, hidden, scaled, output);
            for (var j = 0; j < hidden; j++)
            {
                for (var b = 0; b < batch; b++)
                {
                    var s = (j * batch) + b;
                    var o = activation(Projected(1, j, b) + output[s]);
                    h[s] = layer.Round(((1 - update[s]) * o) + (update[s] * h[s]));
                }
            }
            layer.Emit(0, step, h);
        }
        layer.Finish(0, h);
        return layer.Outputs();
    }
}
