using MilForge.Numerics;

namespace MilForge.Mil.Ops.Constexpr;

/// <summary>
/// A <c>constexpr_*</c> op: a constant computed from compressed constant inputs. It is never folded (the compressed
/// form is the point), and up to iOS17 its inputs are written as attributes.
/// </summary>
internal abstract class ConstexprOp : OpDefinition
{
    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override bool IsFoldable => false;

    public override ConstantParameterEncoding ParameterEncoding => ConstantParameterEncoding.Attributes;

    /// <summary>The element types of the iOS16 decompressed values (lut, nonzero data).</summary>
    protected static readonly DataType[] Ios16Values = [DataType.Int8, DataType.UInt8, DataType.Float16, DataType.Float32];

    /// <summary>A constant shape input (uint32 vector) as a static shape; MIL2002 for a negative or non-vector shape.</summary>
    protected static int[] StaticShape(OpInputs inputs, string name)
    {
        var value = inputs.Const(name);
        if (value.Rank != 1)
        {
            throw inputs.ShapeError($"input '{name}' must be a vector");
        }
        var dims = value.AsLongs();
        return dims.All(d => d is >= 0 and <= int.MaxValue) ? [.. dims.Select(d => (int)d)]
            : throw inputs.ShapeError($"input '{name}' holds an invalid shape [{string.Join(", ", dims)}]");
    }

    /// <summary>The static shape of an input's type; MIL2002 when a dimension is unknown.</summary>
    protected static int[] KnownShape(OpInputs inputs, string name)
    {
        var shape = inputs.Type(name).Shape;
        return shape.IsStatic ? shape.ToStatic() : throw inputs.ShapeError($"input '{name}' must have a static shape");
    }

    /// <summary>The number of elements of a shape.</summary>
    protected static long Count(int[] shape) => shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>A tensor type of a static shape.</summary>
    protected static TensorType Of(DataType type, int[] shape) => new(type, Shape.Of(shape));
}

/// <summary>The iOS18 form of a <c>constexpr_*</c> op: inputs are written as literal value bindings.</summary>
internal abstract class ConstexprIos18Op : ConstexprOp
{
    public override DeploymentTarget Since => DeploymentTarget.iOS18;

    public override ConstantParameterEncoding ParameterEncoding => ConstantParameterEncoding.InlineValues;
}
