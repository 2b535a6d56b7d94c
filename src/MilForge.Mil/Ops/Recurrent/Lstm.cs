using MilForge.Numerics;

namespace MilForge.Mil.Ops.Recurrent;

/// <summary>
/// <c>lstm</c>: gates stacked [input, forget, output, cell] (i, f, o, z); c = f·c + i·cell_activation(z), clipped
/// to ±clip when given; h = o·activation(c). Peepholes [3·H] in order i, f, o add p·c to the i and f gates (previous
/// c) and the o gate (new c). initial_h/initial_c are [B, D·H], the forward half first; bidirectional needs
/// weight_ih_back and weight_hh_back. Outputs: the sequence, h and c.
/// </summary>
internal class Lstm : RecurrentOp
{
    public override string Name => "lstm";

    protected override int Gates => 4;

    protected override int States => 2;

    protected override string[] Directions => ["forward", "reverse", "bidirectional"];

    protected override (string Name, string Default)[] ActivationParameters =>
        [("recurrent_activation", "sigmoid"), ("cell_activation", "tanh"), ("activation", "tanh")];

    protected override IEnumerable<InputSpec> ExtraStateInputs => [InputSpec.Required("initial_c", T)];

    protected override IEnumerable<InputSpec> ExtraWeightInputs =>
    [
        InputSpec.OptionalConst("peephole", T),
        InputSpec.OptionalConst("weight_ih_back", T),
        InputSpec.OptionalConst("weight_hh_back", T),
        InputSpec.OptionalConst("bias_back", T),
        InputSpec.OptionalConst("peephole_back", T),
    ];

    protected override IEnumerable<InputSpec> TrailingInputs => [InputSpec.OptionalConst("clip", T)];

    protected override void CheckMore(OpInputs inputs, TensorType x, int hidden, int directions)
    {
        CheckVector(inputs, "peephole", 3 * hidden);
        if (directions == 2)
        {
            if (!inputs.Has("weight_ih_back") || !inputs.Has("weight_hh_back"))
            {
                throw inputs.Malformed("a bidirectional lstm needs weight_ih_back and weight_hh_back");
            }
            if (CheckWeights(inputs, x, "weight_ih_back", "weight_hh_back", "bias_back") != hidden)
            {
                throw inputs.ShapeError("the backward weights must have the forward weights' hidden size");
            }
            CheckVector(inputs, "peephole_back", 3 * hidden);
        }
        CheckState(inputs, "initial_c", x.Shape[1], Dim.Of(directions * hidden));
        if (inputs.TypeOrNull("clip") is { } clip && clip.Shape.Dims.Any(d => d.Size != 1))
        {
            throw inputs.ShapeError($"clip {clip.Shape} must be a scalar");
        }
    }
}

/// <summary>iOS17 <c>lstm</c>: the same op, also on fp16.</summary>
internal sealed class LstmIos17 : Lstm
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override bool Fp16 => true;
}
