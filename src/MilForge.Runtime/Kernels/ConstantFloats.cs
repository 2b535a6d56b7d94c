using System.Runtime.CompilerServices;
using MilForge.Numerics;

namespace MilForge.Runtime.Kernels;

/// <summary>
/// The float widening of constant inputs (fp16 weights above all), made once per constant's storage array instead of
/// once per run. Tensors are immutable, so the widening stays valid; entries die with the constant.
/// </summary>
internal static class ConstantFloats
{
    private static readonly ConditionalWeakTable<Array, float[]> Cache = [];

    /// <summary>Input <paramref name="name"/> as floats (do not write to them): cached when the input is a constant.</summary>
    public static float[] Of(KernelContext context, string name) => Widen(context.Input(name), context.Op.Input(name)!.IsConstant);

    /// <summary>Optional input <paramref name="name"/> as floats, or null.</summary>
    public static float[]? OfOptional(KernelContext context, string name) =>
        context.OptionalInput(name) is { } t ? Widen(t, context.Op.Input(name)!.IsConstant) : null;

    private static float[] Widen(Tensor tensor, bool constant) =>
        constant && tensor.DataType != DataType.Float32 ? Cache.GetValue(tensor.Data, _ => tensor.AsFloats()) : tensor.AsFloats();
}
