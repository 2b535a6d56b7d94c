namespace MilForge.Runtime;

/// <summary>How sums inside reductions, matmul/linear, conv, softmax and normalizations accumulate in FP16 ops.</summary>
public enum AccumulationPolicy
{
    /// <summary>
    /// <c>fp32-accumulate</c> (default): partial sums are kept in at least binary32 (the reference kernels keep them in
    /// binary64, the fast conv/matmul kernels in binary32) and only the op's result is rounded to the output type.
    /// </summary>
    Fp32Accumulate,

    /// <summary>
    /// <c>fp16-accumulate</c>: in FP16 ops every term (product, exponential, square) and every partial sum is rounded
    /// to binary16 as it is formed, in index order (conv: input channels, then kernel positions; matmul: the inner
    /// dimension; reductions, softmax and norms: along the reduced axes), so long sums lose precision and can overflow
    /// as low-precision hardware may.
    /// </summary>
    Fp16Accumulate,
}

/// <summary>The numeric policy of an interpreter run.</summary>
/// <param name="Accumulation">How FP16 ops accumulate.</param>
public sealed record PrecisionPolicy(AccumulationPolicy Accumulation)
{
    /// <summary>The default: FP32 accumulation.</summary>
    public static PrecisionPolicy Default { get; } = new(AccumulationPolicy.Fp32Accumulate);

    /// <summary>The policy's name as the command line spells it.</summary>
    public string Name => Accumulation == AccumulationPolicy.Fp32Accumulate ? "fp32-accumulate" : "fp16-accumulate";

    /// <summary>Parses <c>fp32-accumulate</c> or <c>fp16-accumulate</c>.</summary>
    public static PrecisionPolicy? Parse(string name) => name switch
    {
        "fp32-accumulate" => Default,
        "fp16-accumulate" => new(AccumulationPolicy.Fp16Accumulate),
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
