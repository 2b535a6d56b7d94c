using MilForge.Mil.Ops;
using MilForge.Onnx.Import;
using MilForge.Runtime.Kernels;

namespace MilForge.Cli.Tests.Architecture;

/// <summary>The reflection-built registries load, claim nothing twice, and cover each other.</summary>
public class RegistryTests
{
    private static readonly string[] FoundationOps = ("Add Sub Mul Div Pow Sqrt Exp Log Neg Abs Reciprocal Relu LeakyRelu Sigmoid Tanh Erf " +
        "HardSigmoid HardSwish Softmax LogSoftmax MatMul Gemm Conv BatchNormalization LayerNormalization MaxPool AveragePool " +
        "GlobalAveragePool Flatten Reshape Transpose Squeeze Unsqueeze Concat Split Slice Gather Shape Constant ConstantOfShape " +
        "Identity Cast Clip ReduceMean ReduceSum ReduceMax Where Equal Less Greater Expand Dropout").Split(' ');

    // Ops introduced after opset 7 are checked from the opset that introduced them.
    private static readonly Dictionary<string, int> IntroducedIn = new()
    {
        ["Erf"] = 9,
        ["HardSwish"] = 14,
        ["LayerNormalization"] = 17,
        ["ConstantOfShape"] = 9,
        ["Where"] = 9,
        ["Expand"] = 8,
    };

    [Fact]
    public void EveryFoundationOpHasAConverterFromOpset7()
    {
        foreach (var op in FoundationOps)
        {
            Assert.True(ConverterRegistry.Default.Knows("", op), $"no converter for {op}");
            for (var opset = IntroducedIn.GetValueOrDefault(op, 7); opset <= 22; opset++)
            {
                Assert.True(ConverterRegistry.Default.Resolve("", op, opset) is not null, $"{op} does not resolve at opset {opset}");
            }
        }
    }

    [Fact]
    public void EveryMilOpHasAKernelAndEveryKernelAnOp()
    {
        // Control-flow ops (cond, while_loop) own blocks and are run by the interpreter itself, not by a kernel.
        var ops = OpCatalog.Default.OpTypes.Where(t => t != "const" && OpCatalog.Default.Oldest(t)!.BlockCount == 0).ToHashSet();
        var kernels = KernelRegistry.Default.OpTypes.ToHashSet();
        Assert.Empty(ops.Except(kernels));
        Assert.Empty(kernels.Except(ops));
    }
}
