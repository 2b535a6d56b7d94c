using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Gemm: Y = alpha·A'·B' + beta·C with A' = Aᵀ if transA, B' = Bᵀ if transB. With constant B (and C) this is MIL
/// <c>linear</c> (weight = B' transposed, scaled by alpha; bias = beta·C when C is per-column), folded at import;
/// otherwise (or without a constant folder to fold the weight) matmul, mul and add.
/// </summary>
[OnnxOp("Gemm", 1, 6, 7, 9, 11, 13)]
internal sealed class Gemm : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var a = context.Input(0);
        var b = context.Input(1);
        var c = context.OptionalInput(2);
        var alpha = context.Attributes.Float("alpha", 1f);
        var beta = context.Attributes.Float("beta", 1f);
        var transA = context.Attributes.Int("transA", 0) != 0;
        var transB = context.Attributes.Int("transB", 0) != 0;
        var name = context.OutputName();
        if (transA)
        {
            a = context.Op("transpose", new() { { "x", a }, { "perm", new[] { 1, 0 } } }, $"{name}_a_t");
        }
        var n = b.Shape[transB ? 0 : 1];
        var cIsVector = c is null || (c.IsConstant && n.IsKnown && IsPerColumn(c.Shape, n.Size));
        if (context.Builder.Folder is not null && b.IsConstant && cIsVector && a.DataType.IsFloat())
        {
            // linear wants weight [N, K]: that is B when transB, else Bᵀ.
            var weight = transB ? b : context.Op("transpose", new() { { "x", b }, { "perm", new[] { 1, 0 } } }, $"{name}_weight");
            if (alpha != 1f)
            {
                weight = context.Op("mul", new() { { "x", weight }, { "y", context.Scalar(alpha, weight, "alpha") } }, $"{name}_weight_scaled");
            }
            var args = new Mil.Building.OpArgs { { "x", a }, { "weight", weight } };
            if (c is not null && beta != 0)
            {
                var bias = Broadcast(context, c, (int)n.Size, name);
                if (beta != 1f)
                {
                    bias = context.Op("mul", new() { { "x", bias }, { "y", context.Scalar(beta, bias, "beta") } }, $"{name}_bias_scaled");
                }
                args.Add("bias", bias);
            }
            context.SetOutput(0, context.Op("linear", args));
            return;
        }
        var product = context.Op("matmul", new() { { "x", a }, { "y", b }, { "transpose_y", transB } }, c is null && alpha == 1f ? name : $"{name}_matmul");
        if (alpha != 1f)
        {
            product = context.Op("mul", new() { { "x", product }, { "y", context.Scalar(alpha, product, "alpha") } }, c is null ? name : $"{name}_scaled");
        }
        if (c is not null && beta != 0)
        {
            var term = beta == 1f ? c : context.Op("mul", new() { { "x", c }, { "y", context.Scalar(beta, c, "beta") } }, $"{name}_c_scaled");
            product = context.Op("add", new() { { "x", product }, { "y", term } }, name);
        }
        context.SetOutput(0, product);
    }

    private static bool IsPerColumn(Shape shape, long n) =>
        shape.Rank == 0 || (shape.IsStatic && shape.ElementCount is { } count && (count == 1 || (count == n && shape[shape.Rank - 1].Size == n)));

    private static Value Broadcast(OnnxNodeContext context, Value c, int n, string name)
    {
        var values = c.ConstantValue!;
        if (values.Length == n)
        {
            return ConverterHelpers.Reshape(context, c, [n], $"{name}_bias");
        }
        var tiled = Tensor.FromDoubles(Enumerable.Repeat(values.GetDouble(0), n).ToArray(), [n], c.DataType);
        return context.Const(tiled, "bias");
    }
}
