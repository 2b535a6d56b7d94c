using MilForge.Mil.Building;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// If(cond) with then_branch/else_branch → MIL <c>cond</c>, each branch imported into its block (outer names visible,
/// nested Ifs recurse; outputs whose static shapes differ between branches get symbolic dims). When cond is a
/// constant at import (a frozen input, a folded comparison), the taken branch is imported inline and no cond remains.
/// </summary>
[OnnxOp("If", 1, 11, 13, 16, 19, 21)]
internal sealed class If : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var whenTrue = context.Attributes.Graph("then_branch") ?? throw context.Unsupported("the then_branch attribute is missing");
        var whenFalse = context.Attributes.Graph("else_branch") ?? throw context.Unsupported("the else_branch attribute is missing");
        var condition = context.Input(0);
        if (condition.ConstantValue is { } known)
        {
            if (known.Length != 1)
            {
                throw context.Unsupported($"cond must hold one element, it has {known.Length}");
            }
            Bind(context, context.ImportSubgraph(known.GetLong(0) != 0 ? whenTrue : whenFalse, context.Builder));
            return;
        }
        if (condition.Shape.ElementCount is not 1)
        {
            throw context.Unsupported($"cond must hold one element, it is {condition.Type}");
        }
        var pred = condition.Shape.Rank == 0 ? condition
            : context.Op("reshape", new() { { "x", condition }, { "shape", Numerics.Tensor.Create(Array.Empty<int>(), 0) } }, $"{context.OutputName()}_pred");
        var outputs = context.Builder.Cond(pred,
            b => context.ImportSubgraph(whenTrue, b),
            b => context.ImportSubgraph(whenFalse, b),
            context.OutputName());
        Bind(context, outputs);
    }

    private static void Bind(OnnxNodeContext context, IReadOnlyList<Mil.Value> outputs)
    {
        if (outputs.Count < context.OutputCount)
        {
            throw context.Unsupported($"the branch returns {outputs.Count} values for {context.OutputCount} outputs");
        }
        for (var i = 0; i < context.OutputCount; i++)
        {
            context.SetOutput(i, outputs[i]);
        }
    }
}
