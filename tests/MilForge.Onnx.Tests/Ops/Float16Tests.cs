namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Models with float16 tensors end to end (fp16 inputs, weights and outputs), for the converters whose ONNX Runtime
/// CPU kernels accept fp16. Both sides round results to binary16, but MIL takes op parameters (alpha, beta, epsilon) in
/// the input's type and may sum in another order, so the tolerance is one binary16 ulp (≈ 1e-3 relative) instead of
/// the FP32 default.
/// </summary>
public class Float16Tests
{
    private static Tensor H(int seed, int[] shape, float lo = -2, float hi = 2) => TestTensors.Uniform(seed, shape, lo, hi).CastTo(DataType.Float16);

    public static TheoryData<NodeCase> Cases()
    {
        var seed = 1;
        var x = H(seed++, [2, 3, 4, 5]);
        var cases = new List<NodeCase>
        {
            new NodeCase("Relu", "Relu", 14).Input("x", x),
            new NodeCase("Sigmoid", "Sigmoid", 13).Input("x", x),
            new NodeCase("Tanh", "Tanh", 13).Input("x", x),
            new NodeCase("Exp", "Exp", 13).Input("x", x),
            new NodeCase("Erf", "Erf", 13).Input("x", x),
            new NodeCase("Neg", "Neg", 13).Input("x", x),
            new NodeCase("Sqrt", "Sqrt", 13).Input("x", H(seed++, [6], 0, 4)),
            new NodeCase("Log", "Log", 13).Input("x", H(seed++, [6], 0.1f, 4)),
            new NodeCase("Reciprocal", "Reciprocal", 13).Input("x", H(seed++, [6], 0.5f, 4)),
            new NodeCase("LeakyRelu", "LeakyRelu", 16).Input("x", x).Attr("alpha", 0.1f),
            new NodeCase("HardSigmoid", "HardSigmoid", 22).Input("x", x),
            new NodeCase("HardSwish", "HardSwish", 22).Input("x", x),
            new NodeCase("Gelu", "Gelu", 20).Input("x", x),
            new NodeCase("Pow", "Pow", 15).Input("x", H(seed++, [6], 0.5f, 2)).Input("y", H(seed++, [6], -2, 2)),
            new NodeCase("Softmax", "Softmax", 13).Input("x", x),
            new NodeCase("LogSoftmax", "LogSoftmax", 13).Input("x", x).Attr("axis", 1L),
            new NodeCase("MatMul", "MatMul", 13).Input("a", H(seed++, [2, 3, 8])).Input("b", H(seed++, [8, 4])),
            new NodeCase("MatMul constant weight", "MatMul", 13).Input("a", H(seed++, [3, 8])).Constant("b", H(seed++, [8, 4])),
            new NodeCase("Gemm", "Gemm", 13).Input("a", H(seed++, [3, 8])).Constant("b", H(seed++, [4, 8])).Constant("c", H(seed++, [4])).Attr("transB", 1L),
            new NodeCase("Conv", "Conv", 11).Input("x", H(seed++, [1, 2, 6, 6])).Constant("w", H(seed++, [3, 2, 3, 3])).Constant("b", H(seed++, [3]))
                .Attr("pads", [1L, 1L, 1L, 1L]),
            new NodeCase("MaxPool", "MaxPool", 12).Input("x", x).Attr("kernel_shape", [2L, 2L]),
            new NodeCase("AveragePool", "AveragePool", 19).Input("x", x).Attr("kernel_shape", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]),
            new NodeCase("GlobalAveragePool", "GlobalAveragePool", 13).Input("x", x),
            new NodeCase("BatchNormalization", "BatchNormalization", 15).Input("x", x).Constant("s", H(seed++, [3], 0.5f, 2)).Constant("b", H(seed++, [3]))
                .Constant("m", H(seed++, [3])).Constant("v", H(seed++, [3], 0.5f, 2)),
            new NodeCase("LayerNormalization", "LayerNormalization", 17).Input("x", x).Constant("s", H(seed++, [5])).Constant("b", H(seed++, [5])),
            new NodeCase("ReduceMean", "ReduceMean", 18).Input("x", x).Constant("axes", TestTensors.LongVector(-1)),
            new NodeCase("ReduceSum", "ReduceSum", 13).Input("x", x).Constant("axes", TestTensors.LongVector(1)),
            new NodeCase("ReduceMax", "ReduceMax", 18).Input("x", x).Constant("axes", TestTensors.LongVector(2)),
            new NodeCase("Clip", "Clip", 13).Input("x", x).Constant("min", Tensor.Scalar((Half)(-1))).Constant("max", Tensor.Scalar((Half)1)),
            new NodeCase("Where", "Where", 16).Input("c", TestTensors.Bools(seed++, [5])).Input("x", x).Constant("y", Tensor.Scalar((Half)(-65504))),
            new NodeCase("Concat", "Concat", 13).Input("a", x).Input("b", H(seed++, [2, 1, 4, 5])).Attr("axis", 1L),
            new NodeCase("Transpose", "Transpose", 13).Input("x", x).Attr("perm", [0L, 2L, 3L, 1L]),
            new NodeCase("Slice", "Slice", 13).Input("x", x).Constant("s", TestTensors.LongVector(-1)).Constant("e", TestTensors.LongVector(long.MinValue))
                .Constant("a", TestTensors.LongVector(3)).Constant("t", TestTensors.LongVector(-2)),
            new NodeCase("Gather", "Gather", 13).Input("x", x).Input("i", TestTensors.LongVector(-1, 0)).Attr("axis", 1L),
            new NodeCase("Max", "Max", 13).Input("a", x).Input("b", H(seed++, [5])),
            new NodeCase("Mean", "Mean", 13).Input("a", x).Input("b", H(seed++, [5])),
            new NodeCase("overflow to inf", "Mul", 14).Input("a", TestTensors.Floats([3], 60000, -60000, 1e-7f).CastTo(DataType.Float16))
                .Input("b", TestTensors.Floats([3], 2, 2, 0.5f).CastTo(DataType.Float16)),
        };
        var data = new TheoryData<NodeCase>();
        foreach (var c in cases)
        {
            // LogSoftmax is x − logsumexp(x) in two fp16 ops: logsumexp is rounded before the subtraction (ONNX Runtime
            // rounds once), so the absolute error is up to one ulp of logsumexp (≈ 4e-3 near 3).
            data.Add(c.Output("out", DataType.Float16).Tolerance(c.OpType == "LogSoftmax" ? 1e-2 : 1e-3, 1e-3));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
