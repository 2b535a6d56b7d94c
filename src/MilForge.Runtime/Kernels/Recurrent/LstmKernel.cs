using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Recurrent;

/// <summary>
/// <c>lstm</c>: per direction, the input projection for all steps at once, then per step R·h and the gates in MIL's
/// order i, f, o, z with optional peepholes and a clip on the cell state.
/// </summary>
internal sealed class LstmKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["lstm"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var layer = new RecurrentLayer(context, gates: 4);
        var recurrentActivation = RecurrentActivation.Of(context.String("recurrent_activation", "sigmoid"), context);
        var cellActivation = RecurrentActivation.Of(context.String("cell_activation", "tanh"), context);
        var activation = RecurrentActivation.Of(context.String("activation", "tanh"), context);
        float? clip = context.OptionalInput("clip") is { } c ? (float)c.GetDouble(0) : null;
        var finalC = new float[layer.Batch * layer.Width];
        for (var d = 0; d < layer.Directions; d++)
        {
            var suffix = d == 1 ? "_back" : "";
            var cell = layer.InitialState("initial_c", d);
            var h = Run(layer, d, suffix, cell, clip, recurrentActivation, cellActivation, activation);
            layer.Finish(d, h);
            layer.Scatter(cell, d, finalC, 0);
        }
        return layer.Outputs(finalC);
    }

    private static float[] Run(RecurrentLayer layer, int d, string suffix, float[] cell, float? clip,
        Func<float, float> recurrentActivation, Func<float, float> cellActivation, Func<float, float> activation)
    {
        var context = layer.Context;
        var (hidden, batch, columns) = (layer.Hidden, layer.Batch, layer.Steps * layer.Batch);
        var projected = layer.Project("weight_ih" + suffix, "bias" + suffix);
        var recurrent = context.Input("weight_hh" + suffix).AsFloats();
        var peephole = context.OptionalInput("peephole" + suffix)?.AsFloats() ?? new float[3 * hidden];
        var h = layer.InitialState("initial_h", d);
        var gates = new float[4 * hidden * batch];
        for (var step = 0; step < layer.Steps; step++)
        {
            var t = layer.Time(d, step);
            layer.Recur(recurrent, 0, 4 * hidden, h, gates);
            for (var j = 0; j < hidden; j++)
            {
                for (var b = 0; b < batch; b++)
                {
                    float Gate(int g) => projected[((((g * hidden) + j) * columns) + (t * batch)) + b] + gates[(((g * hidden) + j) * batch) + b];
                    var s = (j * batch) + b;
                    var previous = cell[s];
                    var i = recurrentActivation(Gate(0) + (peephole[j] * previous));
                    var f = recurrentActivation(Gate(1) + (peephole[hidden + j] * previous));
                    var z = cellActivation(Gate(3));
                    var next = (f * previous) + (i * z);
                    if (clip is { } limit)
                    {
                        next = Math.Clamp(next, -limit, limit);
                    }
                    next = layer.Round(next);
                    var o = recurrentActivation(Gate(2) + (peephole[(2 * hidden) + j] * next));
                    cell[s] = next;
                    h[s] = layer.Round(o * activation(next));
                }
            }
            layer.Emit(d, step, h);
        }
        return h;
    }
}
