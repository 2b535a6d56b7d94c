using MilForge.Numerics;

namespace MilForge.Mil.Ops;

/// <summary>One named input of a MIL op.</summary>
/// <param name="Name">The parameter name, e.g. <c>weight</c>.</param>
/// <param name="Domain">The element types it accepts.</param>
/// <param name="IsConst">True when the value must be known at compile time (a <c>const</c> op output).</param>
/// <param name="IsOptional">True when the input may be absent.</param>
/// <param name="IsTuple">True for tuple parameters (<c>concat.values</c>), bound to several values.</param>
/// <param name="Default">
/// For optional inputs with a non-None default: computes the default from the other inputs. The builder writes
/// the default out as a <c>const</c> (as coremltools does), so kernels and serialized programs always see it.
/// </param>
public sealed record InputSpec(string Name, TypeDomain Domain, bool IsConst = false, bool IsOptional = false,
    bool IsTuple = false, Func<OpInputs, Tensor>? Default = null)
{
    /// <summary>A required input.</summary>
    public static InputSpec Required(string name, TypeDomain domain) => new(name, domain);

    /// <summary>A required compile-time constant.</summary>
    public static InputSpec Const(string name, TypeDomain domain) => new(name, domain, IsConst: true);

    /// <summary>An optional compile-time constant, with a default (null = absent when not given).</summary>
    public static InputSpec OptionalConst(string name, TypeDomain domain, Func<OpInputs, Tensor>? @default = null) =>
        new(name, domain, IsConst: true, IsOptional: true, Default: @default);

    /// <summary>An optional input that may be computed at run time.</summary>
    public static InputSpec Optional(string name, TypeDomain domain, Func<OpInputs, Tensor>? @default = null) =>
        new(name, domain, IsOptional: true, Default: @default);

    /// <summary>A tuple input (one or more values).</summary>
    public static InputSpec Tuple(string name, TypeDomain domain) => new(name, domain, IsTuple: true);
}
