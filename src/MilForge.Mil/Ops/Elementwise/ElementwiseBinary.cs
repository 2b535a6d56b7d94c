using MilForge.Numerics;

namespace MilForge.Mil.Ops.Elementwise;

/// <summary>
/// Shared definition of the binary elementwise ops: inputs <c>x</c> and <c>y</c> of one type <c>T</c>
/// (fp16, fp32 or int32), NumPy broadcasting, output of type <c>T</c> (or bool for comparisons).
/// </summary>
internal abstract class ElementwiseBinary : OpDefinition
{
    /// <summary>The type domain of x and y.</summary>
    protected virtual TypeDomain Domain => TypeDomain.NumericT;

    /// <summary>True when the result is bool (comparisons).</summary>
    protected virtual bool ReturnsBool => false;

    /// <inheritdoc />
    public override IReadOnlyList<InputSpec> Inputs => field ??= [InputSpec.Required("x", Domain), InputSpec.Required("y", Domain)];

    /// <inheritdoc />
    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var y = inputs.Type("y");
        var shape = Broadcasting.TryBroadcast(x.Shape, y.Shape)
            ?? throw inputs.ShapeError($"shapes {x.Shape} and {y.Shape} do not broadcast");
        return [new TensorType(ReturnsBool ? DataType.Bool : x.DataType, shape)];
    }
}

/// <summary><c>add(x, y)</c> = x + y.</summary>
internal sealed class Add : ElementwiseBinary
{
    public override string Name => "add";
}

/// <summary><c>sub(x, y)</c> = x − y.</summary>
internal sealed class Sub : ElementwiseBinary
{
    public override string Name => "sub";
}

/// <summary><c>mul(x, y)</c> = x · y.</summary>
internal sealed class Mul : ElementwiseBinary
{
    public override string Name => "mul";
}

/// <summary><c>real_div(x, y)</c> = x / y (true division; int32 inputs divide as floats and truncate).</summary>
internal sealed class RealDiv : ElementwiseBinary
{
    public override string Name => "real_div";
}

/// <summary><c>floor_div(x, y)</c> = floor(x / y).</summary>
internal sealed class FloorDiv : ElementwiseBinary
{
    public override string Name => "floor_div";
}

/// <summary><c>mod(x, y)</c>: remainder with the sign of y (floor modulo).</summary>
internal sealed class Mod : ElementwiseBinary
{
    public override string Name => "mod";
}

/// <summary><c>pow(x, y)</c> = x^y.</summary>
internal sealed class Pow : ElementwiseBinary
{
    public override string Name => "pow";
}

/// <summary><c>maximum(x, y)</c>.</summary>
internal sealed class Maximum : ElementwiseBinary
{
    public override string Name => "maximum";
}

/// <summary><c>minimum(x, y)</c>.</summary>
internal sealed class Minimum : ElementwiseBinary
{
    public override string Name => "minimum";
}

/// <summary>Comparison ops: bool output.</summary>
internal abstract class Comparison : ElementwiseBinary
{
    /// <inheritdoc />
    protected override TypeDomain Domain => TypeDomain.AnyT;

    /// <inheritdoc />
    protected override bool ReturnsBool => true;
}

/// <summary><c>equal(x, y)</c>.</summary>
internal sealed class Equal : Comparison
{
    public override string Name => "equal";
}

/// <summary><c>not_equal(x, y)</c>.</summary>
internal sealed class NotEqual : Comparison
{
    public override string Name => "not_equal";
}

/// <summary><c>less(x, y)</c>.</summary>
internal sealed class Less : Comparison
{
    public override string Name => "less";
}

/// <summary><c>less_equal(x, y)</c>.</summary>
internal sealed class LessEqual : Comparison
{
    public override string Name => "less_equal";
}

/// <summary><c>greater(x, y)</c>.</summary>
internal sealed class Greater : Comparison
{
    public override string Name => "greater";
}

/// <summary><c>greater_equal(x, y)</c>.</summary>
internal sealed class GreaterEqual : Comparison
{
    public override string Name => "greater_equal";
}

/// <summary>Logical ops on bool tensors.</summary>
internal abstract class Logical : ElementwiseBinary
{
    /// <inheritdoc />
    protected override TypeDomain Domain => TypeDomain.Bool;
}

/// <summary><c>logical_and(x, y)</c>.</summary>
internal sealed class LogicalAnd : Logical
{
    public override string Name => "logical_and";
}

/// <summary><c>logical_or(x, y)</c>.</summary>
internal sealed class LogicalOr : Logical
{
    public override string Name => "logical_or";
}

/// <summary><c>logical_xor(x, y)</c>.</summary>
internal sealed class LogicalXor : Logical
{
    public override string Name => "logical_xor";
}
