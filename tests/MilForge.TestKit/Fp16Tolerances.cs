namespace MilForge.TestKit;

/// <summary>
/// Tolerances of FP16 conversions against ONNX Runtime's FP32 result, by ONNX op type, each with its reason.
/// An element passes when |fp16 − fp32| ≤ Atol·max(1, max|fp32|) + Rtol·|fp32|: the absolute part scales with the
/// output's range because FP16 error is relative to the magnitudes involved, not to each result.
/// </summary>
public static class Fp16Tolerances
{
    /// <summary>One entry of the table.</summary>
    /// <param name="Rtol">Relative tolerance.</param>
    /// <param name="Atol">Absolute tolerance, as a fraction of the output's largest magnitude (at least 1).</param>
    /// <param name="Reason">Why this much error is expected.</param>
    public sealed record Entry(double Rtol, double Atol, string Reason);

    private static readonly Entry Rounding = new(2e-3, 1e-3,
        "inputs and the result are each rounded to binary16 (2^-11 relative): about two half-ulps");

    private static readonly Entry Transcendental = new(1e-2, 2e-3,
        "input rounding (2^-11 relative) is amplified by the function's condition number (|x·f'(x)/f(x)|, e.g. |x| for exp)");

    private static readonly Entry Accumulating = new(2e-2, 1e-2,
        "every input and weight is rounded to binary16 and K terms are summed; cancellation makes small results relatively worse, so the bound is relative to the output's range");

    private static readonly Entry OneQuantizationStep = new(0, 1,
        "the integer result is round(v / scale) with v computed in binary16 (2^-11 relative), which can cross a rounding boundary: one quantization step");

    private static readonly Dictionary<string, Entry> Table = new(StringComparer.Ordinal)
    {
        ["Exp"] = Transcendental,
        ["Log"] = Transcendental,
        ["Pow"] = Transcendental,
        ["Sqrt"] = Transcendental,
        ["Reciprocal"] = Transcendental,
        ["Sigmoid"] = Transcendental,
        ["Tanh"] = Transcendental,
        ["Erf"] = Transcendental,
        ["Softplus"] = Transcendental,
        ["Softsign"] = Transcendental,
        ["Sin"] = Transcendental,
        ["Cos"] = Transcendental,
        ["Tan"] = Transcendental,
        ["Asin"] = Transcendental,
        ["Acos"] = Transcendental,
        ["Atan"] = Transcendental,
        ["Sinh"] = Transcendental,
        ["Cosh"] = Transcendental,
        ["Atanh"] = Transcendental,
        ["Asinh"] = Transcendental,
        ["Acosh"] = Transcendental,
        ["Elu"] = Transcendental,
        ["Gelu"] = Transcendental,
        ["HardSigmoid"] = Transcendental,
        ["HardSwish"] = Transcendental,
        ["Selu"] = Transcendental,
        ["Celu"] = Transcendental,
        ["Swish"] = Transcendental,
        ["Mish"] = Transcendental,
        ["Div"] = Transcendental,
        ["MatMul"] = Accumulating,
        ["Gemm"] = Accumulating,
        ["Conv"] = Accumulating,
        ["ConvTranspose"] = Accumulating,
        ["Resize"] = Accumulating,
        ["Upsample"] = Accumulating,
        ["GridSample"] = Accumulating,
        ["AffineGrid"] = Accumulating,
        ["RoiAlign"] = Accumulating,
        ["BatchNormalization"] = Accumulating,
        ["LayerNormalization"] = Accumulating,
        ["RMSNormalization"] = Accumulating,
        ["InstanceNormalization"] = Accumulating,
        ["GroupNormalization"] = Accumulating,
        ["MeanVarianceNormalization"] = Accumulating,
        ["LpNormalization"] = Accumulating,
        ["LRN"] = Accumulating,
        ["Softmax"] = Accumulating,
        ["Attention"] = Accumulating,
        ["LogSoftmax"] = Accumulating,
        ["AveragePool"] = Accumulating,
        ["LpPool"] = Accumulating,
        ["GlobalAveragePool"] = Accumulating,
        ["ReduceMean"] = Accumulating,
        ["ReduceSum"] = Accumulating,
        ["ReduceL1"] = Accumulating,
        ["ReduceL2"] = Accumulating,
        ["ReduceLogSum"] = Accumulating,
        ["ReduceLogSumExp"] = Accumulating,
        ["ReduceSumSquare"] = Accumulating,
        ["ReduceProd"] = Accumulating,
        ["Mean"] = Accumulating,
        ["Sum"] = Accumulating,
        ["CumSum"] = Accumulating,
        ["CumProd"] = Accumulating,
        ["NegativeLogLikelihoodLoss"] = Accumulating,
        ["SoftmaxCrossEntropyLoss"] = Accumulating,
        ["Einsum"] = Accumulating,
        ["Mod"] = new(1e-2, 1e-2, "the remainder is x − k·y with x and y each rounded to binary16: about k+1 half-ulps of the operands, not of the (smaller) result"),
        ["QuantizeLinear"] = OneQuantizationStep,
        ["DynamicQuantizeLinear"] = OneQuantizationStep,
        ["ConvInteger"] = Accumulating,
        ["MatMulInteger"] = Accumulating,
        ["QLinearConv"] = OneQuantizationStep,
        ["QLinearMatMul"] = OneQuantizationStep,
        ["QLinearConv"] = OneQuantizationStep,
    };

    /// <summary>The entry for an ONNX op type (elementwise rounding when not listed).</summary>
    public static Entry For(string opType) => Table.GetValueOrDefault(opType, Rounding);
}
