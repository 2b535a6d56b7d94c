using MilForge.Numerics;
using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Kernels.Recurrent;

/// <summary>
/// The shared frame of a recurrent op's run: x [S, B, I] transposed once to [I, S·B] so that each direction's input
/// projection for every step is one product W·xᵀ + bias ([G·H, S·B], a gate row per weight row), states held
/// transposed as [H, B], and the outputs laid out as MIL has them (sequence [S or 1, B, D·H], states [B, D·H]).
/// In fp16 ops every step's state is rounded to binary16, as a device holding it in fp16 would.
/// </summary>
internal sealed class RecurrentLayer
{
    private readonly float[] _xT;

    public RecurrentLayer(KernelContext context, int gates)
    {
        Context = context;
        var x = context.Input("x");
        (Steps, Batch, Features) = (x.Shape[0], x.Shape[1], x.Shape[2]);
        Hidden = context.Input("weight_hh").Shape[1];
        Gates = gates;
        Direction = context.String("direction", "forward");
        Directions = Direction == "bidirectional" ? 2 : 1;
        OutputSequence = context.Bool("output_sequence", false);
        RoundStates = context.OutputType() == DataType.Float16;
        var values = x.AsFloats();
        _xT = new float[values.Length];
        var columns = Steps * Batch;
        for (var col = 0; col < columns; col++)
        {
            for (var i = 0; i < Features; i++)
            {
                _xT[(i * columns) + col] = values[(col * Features) + i];
            }
        }
        Sequence = new float[(OutputSequence ? Steps : 1) * Batch * Width];
        FinalH = new float[Batch * Width];
    }

    public KernelContext Context { get; }

    public int Steps { get; }

    public int Batch { get; }

    public int Features { get; }

    public int Hidden { get; }

    public int Gates { get; }

    public string Direction { get; }

    public int Directions { get; }

    public bool OutputSequence { get; }

    public bool RoundStates { get; }

    /// <summary>D·H, the width of every output.</summary>
    public int Width => Directions * Hidden;

    /// <summary>The sequence output being filled.</summary>
    public float[] Sequence { get; }

    /// <summary>The final hidden state output being filled.</summary>
    public float[] FinalH { get; }

    /// <summary>True when direction <paramref name="d"/> runs from the last step to the first.</summary>
    public bool Backward(int d) => d == 1 || Direction == "reverse";

    /// <summary>The input time processed at <paramref name="step"/> by direction <paramref name="d"/>.</summary>
    public int Time(int d, int step) => Backward(d) ? Steps - 1 - step : step;

    /// <summary>W·xᵀ + bias for every step: [G·H, S·B].</summary>
    public float[] Project(string weight, string bias)
    {
        var w = Context.Input(weight).AsFloats();
        var b = Context.OptionalInput(bias)?.AsFloats();
        var rows = Gates * Hidden;
        var columns = Steps * Batch;
        var result = new float[rows * columns];
        if (Features == 0)
        {
            for (var r = 0; r < rows; r++)
            {
                Array.Fill(result, b?[r] ?? 0f, r * columns, columns);
            }
            return result;
        }
        if (columns > 0)
        {
            Gemm.Multiply(w, 0, Features, _xT, 0, result, 0, rows, Features, columns, b);
        }
        return result;
    }

    /// <summary>C [rows, B] = R[rowOffset.., :]·state for <paramref name="rows"/> rows of the recurrent weight.</summary>
    public void Recur(float[] recurrent, int rowOffset, int rows, float[] state, float[] result)
    {
        if (Hidden == 0 || Batch == 0)
        {
            Array.Clear(result);
            return;
        }
        Gemm.Multiply(recurrent, rowOffset * Hidden, Hidden, state, 0, result, 0, rows, Hidden, Batch);
    }

    /// <summary>Direction <paramref name="d"/>'s slice of a [B, D·H] state input, transposed to [H, B].</summary>
    public float[] InitialState(string name, int d)
    {
        var values = Context.Input(name).AsFloats();
        var state = new float[Hidden * Batch];
        for (var b = 0; b < Batch; b++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                state[(j * Batch) + b] = Round(values[(b * Width) + (d * Hidden) + j]);
            }
        }
        return state;
    }

    /// <summary>A state value as the op holds it: binary16 in fp16 ops.</summary>
    public float Round(float v) => RoundStates ? (float)(Half)v : v;

    /// <summary>Records direction <paramref name="d"/>'s hidden state after <paramref name="step"/> in the sequence.</summary>
    public void Emit(int d, int step, float[] h)
    {
        if (OutputSequence)
        {
            // A bidirectional layer aligns its backward half to input time; a reverse layer keeps processing order.
            Scatter(h, d, Sequence, Directions == 2 ? Time(d, step) : step);
        }
    }

    /// <summary>Records direction <paramref name="d"/>'s final hidden state (the initial one when S = 0).</summary>
    public void Finish(int d, float[] h)
    {
        if (!OutputSequence)
        {
            Scatter(h, d, Sequence, 0);
        }
        Scatter(h, d, FinalH, 0);
    }

    /// <summary>Writes a [H, B] state into row <paramref name="row"/> of a [rows, B, D·H] output.</summary>
    public void Scatter(float[] state, int d, float[] output, int row)
    {
        for (var b = 0; b < Batch; b++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                output[(((row * Batch) + b) * Width) + (d * Hidden) + j] = state[(j * Batch) + b];
            }
        }
    }

    /// <summary>The sequence and final-state outputs (then <paramref name="extra"/>, e.g. the final cell state).</summary>
    public IReadOnlyList<Tensor> Outputs(params float[][] extra)
    {
        var outputs = new List<Tensor>
        {
            Context.Output(Sequence, [OutputSequence ? Steps : 1, Batch, Width]),
            Context.Output(FinalH, [Batch, Width], 1),
        };
        for (var i = 0; i < extra.Length; i++)
        {
            outputs.Add(Context.Output(extra[i], [Batch, Width], 2 + i));
        }
        return outputs;
    }
}
