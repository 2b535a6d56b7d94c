namespace MilForge.Mil.Ops.Recurrent;

/// <summary><c>rnn</c>: h = activation(W·x + R·h + b), forward or reverse; outputs the sequence and h.</summary>
internal class Rnn : RecurrentOp
{
    public override string Name => "rnn";

    protected override int Gates => 1;

    protected override (string Name, string Default)[] ActivationParameters => [("activation", "tanh")];
}

/// <summary>iOS17 <c>rnn</c>: the same op, also on fp16.</summary>
internal sealed class RnnIos17 : Rnn
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override bool Fp16 => true;
}
