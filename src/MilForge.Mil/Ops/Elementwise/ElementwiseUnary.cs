namespace MilForge.Mil.Ops.Elementwise;

/// <summary>Shared definition of unary elementwise ops: <c>x</c> of type T, output of the same type and shape.</summary>
internal abstract class ElementwiseUnary : OpDefinition
{
    /// <summary>The type domain of x.</summary>
    protected virtual TypeDomain Domain => TypeDomain.FloatT;

    public override IReadOnlyList<InputSpec> Inputs => field ??= [InputSpec.Required("x", Domain)];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Type("x")];
}

/// <summary>Unary ops that also accept int32 (abs, sign, square).</summary>
internal abstract class NumericUnary : ElementwiseUnary
{
    protected override TypeDomain Domain => TypeDomain.NumericT;
}

/// <summary><c>abs(x)</c>.</summary>
internal sealed class Abs : NumericUnary
{
    public override string Name => "abs";
}

/// <summary><c>sign(x)</c>.</summary>
internal sealed class Sign : NumericUnary
{
    public override string Name => "sign";
}

/// <summary><c>square(x)</c> = x·x.</summary>
internal sealed class Square : NumericUnary
{
    public override string Name => "square";
}

/// <summary><c>exp(x)</c>.</summary>
internal sealed class Exp : ElementwiseUnary
{
    public override string Name => "exp";
}

/// <summary><c>exp2(x)</c> = 2^x.</summary>
internal sealed class Exp2 : ElementwiseUnary
{
    public override string Name => "exp2";
}

/// <summary><c>sqrt(x)</c>.</summary>
internal sealed class Sqrt : ElementwiseUnary
{
    public override string Name => "sqrt";
}

/// <summary><c>erf(x)</c>.</summary>
internal sealed class Erf : ElementwiseUnary
{
    public override string Name => "erf";
}

/// <summary><c>ceil(x)</c>.</summary>
internal sealed class Ceil : ElementwiseUnary
{
    public override string Name => "ceil";
}

/// <summary><c>floor(x)</c>.</summary>
internal sealed class Floor : ElementwiseUnary
{
    public override string Name => "floor";
}

/// <summary><c>round(x)</c>: to nearest, ties to even.</summary>
internal sealed class Round : ElementwiseUnary
{
    public override string Name => "round";
}

/// <summary><c>sin(x)</c>.</summary>
internal sealed class Sin : ElementwiseUnary
{
    public override string Name => "sin";
}

/// <summary><c>cos(x)</c>.</summary>
internal sealed class Cos : ElementwiseUnary
{
    public override string Name => "cos";
}

/// <summary><c>tan(x)</c>.</summary>
internal sealed class Tan : ElementwiseUnary
{
    public override string Name => "tan";
}

/// <summary><c>asin(x)</c>.</summary>
internal sealed class Asin : ElementwiseUnary
{
    public override string Name => "asin";
}

/// <summary><c>acos(x)</c>.</summary>
internal sealed class Acos : ElementwiseUnary
{
    public override string Name => "acos";
}

/// <summary><c>atan(x)</c>.</summary>
internal sealed class Atan : ElementwiseUnary
{
    public override string Name => "atan";
}

/// <summary><c>sinh(x)</c>.</summary>
internal sealed class Sinh : ElementwiseUnary
{
    public override string Name => "sinh";
}

/// <summary><c>cosh(x)</c>.</summary>
internal sealed class Cosh : ElementwiseUnary
{
    public override string Name => "cosh";
}

/// <summary><c>atanh(x)</c>.</summary>
internal sealed class Atanh : ElementwiseUnary
{
    public override string Name => "atanh";
}

/// <summary><c>logical_not(x)</c> on bool.</summary>
internal sealed class LogicalNot : ElementwiseUnary
{
    public override string Name => "logical_not";

    protected override TypeDomain Domain => TypeDomain.Bool;
}
