namespace MilForge.Mil.Ops.Recurrent;

/// <summary>
/// <c>gru</c>: gates stacked [reset, output, update] (r, o, z); r and z = recurrent_activation(W·x + R·h + b),
/// o = activation(W_o·x + R_o·(r·h) + b_o) (the reset gate scales h before the recurrent product), and
/// h = (1 − z)·o + z·h. Forward or reverse; outputs the sequence and h.
/// </summary>
internal class Gru : RecurrentOp
{
    public override string Name => "gru";

    protected override int Gates => 3;

    protected override (string Name, string Default)[] ActivationParameters =>
        [("recurrent_activation", "sigmoid"), ("activation", "tanh")];
}

/// <summary>iOS17 <c>gru</c>: the same op, also on fp16.</summary>
internal sealed class GruIos17 : Gru
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override bool Fp16 => true;
}
