using MilForge.Mil.Ops.Elementwise;

namespace MilForge.Mil.Ops.Activation;

/// <summary><c>relu(x)</c> = max(x, 0).</summary>
internal sealed class Relu : ElementwiseUnary
{
    public override string Name => "relu";
}

/// <summary><c>relu6(x)</c> = min(max(x, 0), 6).</summary>
internal sealed class Relu6 : ElementwiseUnary
{
    public override string Name => "relu6";
}

/// <summary><c>sigmoid(x)</c> = 1 / (1 + e^−x).</summary>
internal sealed class Sigmoid : ElementwiseUnary
{
    public override string Name => "sigmoid";
}

/// <summary><c>tanh(x)</c>.</summary>
internal sealed class Tanh : ElementwiseUnary
{
    public override string Name => "tanh";
}

/// <summary><c>silu(x)</c> = x·sigmoid(x).</summary>
internal sealed class Silu : ElementwiseUnary
{
    public override string Name => "silu";
}

/// <summary><c>softplus(x)</c> = ln(1 + e^x).</summary>
internal sealed class Softplus : ElementwiseUnary
{
    public override string Name => "softplus";
}

/// <summary><c>softsign(x)</c> = x / (1 + |x|).</summary>
internal sealed class Softsign : ElementwiseUnary
{
    public override string Name => "softsign";
}
