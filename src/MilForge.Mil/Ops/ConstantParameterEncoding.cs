namespace MilForge.Mil.Ops;

/// <summary>How a serialized MIL program carries the constant inputs of an op (see <see cref="OpDefinition.ParameterEncoding"/>).</summary>
public enum ConstantParameterEncoding
{
    /// <summary>Every input is a binding by name; constants are separate <c>const</c> ops.</summary>
    Bindings,

    /// <summary>Each constant input is an op attribute named like the input (iOS16/17 <c>constexpr_*</c> ops).</summary>
    Attributes,

    /// <summary>Each constant input is a binding holding the value itself (iOS18 <c>constexpr_*</c> ops).</summary>
    InlineValues,
}
