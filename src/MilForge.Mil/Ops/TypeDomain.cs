using System.Collections.Immutable;
using MilForge.Numerics;

namespace MilForge.Mil.Ops;

/// <summary>
/// The element types an op input accepts. Inputs that share a <see cref="Variable"/> (such as <c>T</c>) must have
/// the same element type, which is how most dtype rules of an op are stated (coremltools' <c>type_domains</c>).
/// </summary>
/// <param name="Variable">The type variable's name, or null when the input is unconstrained by other inputs.</param>
/// <param name="Allowed">The element types allowed.</param>
public sealed record TypeDomain(string? Variable, ImmutableArray<DataType> Allowed)
{
    /// <summary>fp16 or fp32, shared as <c>T</c>.</summary>
    public static TypeDomain FloatT { get; } = new("T", [DataType.Float16, DataType.Float32]);

    /// <summary>fp16, fp32 or int32, shared as <c>T</c>.</summary>
    public static TypeDomain NumericT { get; } = new("T", [DataType.Float16, DataType.Float32, DataType.Int32]);

    /// <summary>fp16, fp32, int32 or bool, shared as <c>T</c>.</summary>
    public static TypeDomain AnyT { get; } = new("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool,
        DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16]);

    /// <summary>int32 only.</summary>
    public static TypeDomain Int32 { get; } = new(null, [DataType.Int32]);

    /// <summary>int32 or int64 (int64 appears in folded constants and is narrowed when written).</summary>
    public static TypeDomain Integer { get; } = new(null, [DataType.Int32, DataType.Int64, DataType.Int16, DataType.UInt16,
        DataType.Int8, DataType.UInt8]);

    /// <summary>bool only.</summary>
    public static TypeDomain Bool { get; } = new(null, [DataType.Bool]);

    /// <summary>string only.</summary>
    public static TypeDomain String { get; } = new(null, [DataType.String]);

    /// <summary>fp16 or fp32, independent of other inputs.</summary>
    public static TypeDomain Float { get; } = new(null, [DataType.Float16, DataType.Float32]);

    /// <summary>
    /// Any element type an op's tensor can have, independent of other inputs. The sub-byte and fp8 types are left
    /// out: MIL holds them only as the packed data of <c>constexpr_*</c> ops, which no other op accepts.
    /// </summary>
    public static TypeDomain Any { get; } = new(null, [.. Enum.GetValues<DataType>().Where(t => !t.IsSubByte() && t is not (DataType.Float8E4M3FN or DataType.Float8E5M2))]);

    /// <summary>True when <paramref name="type"/> is allowed.</summary>
    public bool Allows(DataType type) => Allowed.Contains(type);

    /// <inheritdoc />
    public override string ToString() =>
        (Variable is null ? "" : Variable + " ∈ ") + "{" + string.Join(", ", Allowed.Select(t => t.MilName())) + "}";
}
