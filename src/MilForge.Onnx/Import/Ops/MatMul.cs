using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// MatMul: NumPy matrix product. A constant 2-D float right operand becomes MIL <c>linear</c> with the transposed
/// weight (folded at import), as coremltools emits; anything else — or an import without a constant folder, where
/// the transposed weight would not be a constant — is <c>matmul</c>.
/// </summary>
[OnnxOp("MatMul", 1, 9, 13)]
internal sealed class MatMul : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var y = context.Input(1);
        if (context.Builder.Folder is not null && y.IsConstant && y.Shape.Rank == 2 && x.Shape.Rank >= 1 && x.DataType.IsFloat() && x.DataType == y.DataType)
        {
            var weight = context.Op("transpose", new() { { "x", y }, { "perm", new[] { 1, 0 } } }, $"{context.OutputName()}_weight");
            context.SetOutput(0, context.Op("linear", new() { { "x", x }, { "weight", weight } }));
            return;
        }
        context.SetOutput(0, context.Op("matmul", new() { { "x", x }, { "y", y } }));
    }
}
