using MilForge.Numerics;

namespace MilForge.Mil.Ops.Recurrent;

/// <summary>
/// What <c>lstm</c>, <c>gru</c> and <c>rnn</c> share: x [S, B, I], weight_ih [G·H, I] and weight_hh [G·H, H] (G gates
/// stacked in MIL's order), one summed bias [G·H], a direction, output_sequence, and activation names. Outputs are
/// the sequence ([S, B, D·H], or [1, B, D·H] holding the last step) then the final state(s) [B, D·H]. A reverse
/// layer's sequence is written in processing order; a bidirectional layer's backward half is aligned to input time.
/// iOS15's versions are fp32 only; iOS17's add fp16 (<see cref="Fp16"/>).
/// </summary>
internal abstract class RecurrentOp : OpDefinition
{
    /// <summary>The activation names MIL's recurrent ops accept (compared case-insensitively, as coremltools does).</summary>
    public static readonly string[] Activations = ["tanh", "scaled_tanh", "sigmoid", "hard_sigmoid", "relu", "linear"];

    /// <summary>fp32 only, shared as <c>T</c> (iOS15's recurrent ops).</summary>
    private static readonly TypeDomain Fp32T = new("T", [DataType.Float32]);

    /// <summary>Gates stacked in the weights: 4 for lstm, 3 for gru, 1 for rnn.</summary>
    protected abstract int Gates { get; }

    /// <summary>True for the iOS17 versions, which accept fp16.</summary>
    protected virtual bool Fp16 => false;

    /// <summary>The directions this op accepts.</summary>
    protected virtual string[] Directions => ["forward", "reverse"];

    /// <summary>Number of state outputs after the sequence (h, and c for lstm).</summary>
    protected virtual int States => 1;

    /// <summary>The element type domain <c>T</c> of the tensors.</summary>
    protected TypeDomain T => Fp16 ? TypeDomain.FloatT : Fp32T;

    /// <summary>The op's activation parameters with their defaults.</summary>
    protected abstract (string Name, string Default)[] ActivationParameters { get; }

    public override IReadOnlyList<InputSpec> Inputs => field ??= BuildInputs();

    /// <summary>The tensor inputs between initial_h and bias (initial_c for lstm).</summary>
    protected virtual IEnumerable<InputSpec> ExtraStateInputs => [];

    /// <summary>Optional inputs after bias (peephole and the backward weights for lstm).</summary>
    protected virtual IEnumerable<InputSpec> ExtraWeightInputs => [];

    /// <summary>Optional inputs after the activations (clip for lstm).</summary>
    protected virtual IEnumerable<InputSpec> TrailingInputs => [];

    private List<InputSpec> BuildInputs()
    {
        var list = new List<InputSpec> { InputSpec.Required("x", T), InputSpec.Required("initial_h", T) };
        list.AddRange(ExtraStateInputs);
        list.Add(InputSpec.Const("weight_ih", T));
        list.Add(InputSpec.Const("weight_hh", T));
        list.Add(InputSpec.OptionalConst("bias", T));
        list.AddRange(ExtraWeightInputs);
        list.Add(InputSpec.OptionalConst("direction", TypeDomain.String, _ => Tensor.Scalar("forward")));
        list.Add(InputSpec.OptionalConst("output_sequence", TypeDomain.Bool, _ => Tensor.Scalar(false)));
        foreach (var (name, value) in ActivationParameters)
        {
            list.Add(InputSpec.OptionalConst(name, TypeDomain.String, _ => Tensor.Scalar(value)));
        }
        list.AddRange(TrailingInputs);
        return list;
    }

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank != 3)
        {
            throw inputs.ShapeError($"x {x.Shape} must be [S, B, I]");
        }
        var direction = inputs.String("direction");
        if (!Directions.Contains(direction))
        {
            throw inputs.TypeError($"direction '{direction}' is not one of {string.Join(", ", Directions)}");
        }
        foreach (var (name, _) in ActivationParameters)
        {
            var activation = inputs.String(name);
            if (!Activations.Contains(activation.ToLowerInvariant()))
            {
                throw inputs.TypeError($"{name} '{activation}' is not one of {string.Join(", ", Activations)}");
            }
        }
        var hidden = CheckWeights(inputs, x, "weight_ih", "weight_hh", "bias");
        var directions = direction == "bidirectional" ? 2 : 1;
        CheckMore(inputs, x, hidden, directions);
        var batch = x.Shape[1];
        var width = Dim.Of(directions * hidden);
        CheckState(inputs, "initial_h", batch, width);
        var sequence = inputs.Bool("output_sequence") ? x.Shape[0] : Dim.Of(1);
        var state = new TensorType(x.DataType, new Shape([batch, width]));
        var types = new List<MilType> { new TensorType(x.DataType, new Shape([sequence, batch, width])) };
        types.AddRange(Enumerable.Repeat<MilType>(state, States));
        return types;
    }

    /// <summary>Op-specific checks (the lstm's cell state, peepholes, backward weights and clip).</summary>
    protected virtual void CheckMore(OpInputs inputs, TensorType x, int hidden, int directions)
    {
    }

    /// <summary>Checks one direction's weights and bias against x; returns the hidden size H.</summary>
    protected int CheckWeights(OpInputs inputs, TensorType x, string ih, string hh, string bias)
    {
        var wi = inputs.Type(ih);
        var wh = inputs.Type(hh);
        if (wi.Rank != 2 || wh.Rank != 2)
        {
            throw inputs.ShapeError($"{ih} {wi.Shape} and {hh} {wh.Shape} must have rank 2");
        }
        var hidden = (int)wh.Shape[1].Size;
        if (wh.Shape[0].Size != Gates * hidden || wi.Shape[0].Size != Gates * hidden)
        {
            throw inputs.ShapeError($"{ih} {wi.Shape} and {hh} {wh.Shape} must be [{Gates}·H, I] and [{Gates}·H, H]");
        }
        if (x.Shape[2].IsKnown && x.Shape[2].Size != wi.Shape[1].Size)
        {
            throw inputs.ShapeError($"x {x.Shape} has {x.Shape[2]} features, {ih} {wi.Shape} expects {wi.Shape[1]}");
        }
        CheckVector(inputs, bias, Gates * hidden);
        return hidden;
    }

    /// <summary>Checks that an optional constant vector, when given, has <paramref name="length"/> elements.</summary>
    protected static void CheckVector(OpInputs inputs, string name, int length)
    {
        if (inputs.TypeOrNull(name) is { } t && (t.Rank != 1 || t.Shape[0].Size != length))
        {
            throw inputs.ShapeError($"{name} {t.Shape} must be [{length}]");
        }
    }

    /// <summary>Checks a state input against [B, D·H].</summary>
    protected static void CheckState(OpInputs inputs, string name, Dim batch, Dim width)
    {
        var t = inputs.Type(name);
        if (t.Rank != 2 || (t.Shape[1].IsKnown && t.Shape[1] != width) || (t.Shape[0].IsKnown && batch.IsKnown && t.Shape[0] != batch))
        {
            throw inputs.ShapeError($"{name} {t.Shape} must be [{batch}, {width}]");
        }
    }
}
