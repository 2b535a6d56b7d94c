using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Gather along an axis. Constant indices are normalized (negative → from the end) at import because iOS17's gather
/// rejects negative indices; dynamic indices on iOS17+ get select(i &lt; 0, i + dim, i).
/// </summary>
[OnnxOp("Gather", 1, 11, 13)]
internal sealed class Gather : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var indices = context.Input(1);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), x.Shape.Rank);
        var dim = x.Shape[axis];
        if (indices.ConstantValue is { } constant && dim.IsKnown)
        {
            var values = constant.AsLongs();
            var normalized = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i] < 0 ? values[i] + dim.Size : values[i];
                if (v < 0 || v >= dim.Size)
                {
                    throw context.Unsupported($"index {values[i]} is out of range for axis {axis} of size {dim}");
                }
                normalized[i] = (int)v;
            }
            indices = context.Const(Tensor.Create(normalized, constant.ShapeArray()), "indices");
        }
        else if (context.Builder.Function.Target >= Mil.DeploymentTarget.iOS17 && dim.IsKnown)
        {
            var negative = context.Op("less", new() { { "x", indices }, { "y", 0 } }, $"{context.OutputName()}_negative");
            var wrapped = context.Op("add", new() { { "x", indices }, { "y", (int)dim.Size } }, $"{context.OutputName()}_wrapped");
            indices = context.Op("select", new() { { "cond", negative }, { "a", wrapped }, { "b", indices } }, $"{context.OutputName()}_indices");
        }
        context.SetOutput(0, context.Op("gather", new() { { "x", x }, { "indices", indices }, { "axis", axis } }));
    }
}
