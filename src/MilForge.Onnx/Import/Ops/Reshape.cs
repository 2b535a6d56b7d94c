using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Reshape. A constant target shape (shape chains fold to one at import) is resolved: 0 copies the input dim unless
/// allowzero=1 (opset 14), −1 is inferred, and with a static input the written shape is fully explicit, as coremltools
/// writes it. A run-time shape goes to MIL reshape as it is (not with allowzero=1).
/// </summary>
[OnnxOp("Reshape", 5, 13, 14, 19, 21)]
internal sealed class Reshape : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var allowZero = context.Since >= 14 && context.Attributes.Int("allowzero", 0) != 0;
        if (context.ConstantInput(1) is null && !allowZero)
        {
            // A shape computed at run time (a shape chain over a symbolic dim): MIL reshape reads 0 and −1 as ONNX does.
            context.SetOutput(0, context.Op("reshape", new() { { "x", x }, { "shape", ConverterHelpers.CastTo(context, context.Input(1), DataType.Int32, "shape") } }));
            return;
        }
        var target = context.RequireConstant(1, "shape").AsLongs();
        var shape = new long[target.Length];
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == 0 && allowZero && x.Shape.ElementCount != 0 && !(i < x.Shape.Rank && x.Shape[i].IsKnown && x.Shape[i].Size == 0))
            {
                throw context.Unsupported(
                    $"allowzero=1 with a literal 0 at shape entry {i} (an empty tensor) is not supported: MIL reshape reads 0 as 'copy the input dim'");
            }
            if (target[i] == 0 && allowZero)
            {
                shape[i] = 0;
            }
            else if (target[i] == 0)
            {
                if (i >= x.Shape.Rank)
                {
                    throw context.Unsupported($"shape entry {i} is 0 but the input has rank {x.Shape.Rank}");
                }
                shape[i] = x.Shape[i].IsKnown ? x.Shape[i].Size : 0;
            }
            else
            {
                shape[i] = target[i];
            }
        }
        if (x.Shape.IsStatic && Array.IndexOf(shape, -1L) is var inferred and >= 0)
        {
            var known = shape.Where((_, i) => i != inferred).Aggregate(1L, (p, d) => p * d);
            var total = x.Shape.ElementCount!.Value;
            if (known == 0 || total % known != 0)
            {
                throw context.Unsupported($"cannot reshape {x.Shape} to [{string.Join(", ", target)}]");
            }
            shape[inferred] = total / known;
        }
        var ints = shape.Select(d => checked((int)d)).ToArray();
        if (allowZero && ints.Contains(0) && x.Shape.IsStatic && x.Shape.ElementCount == 0)
        {
            // MIL reads a 0 in the target shape as "copy this dim", so an empty result is written as a constant.
            context.SetOutput(0, context.Builder.Const(Tensor.Zeros(x.DataType, ints), context.OutputName()));
            return;
        }
        context.SetOutput(0, context.Op("reshape", new() { { "x", x }, { "shape", Tensor.Vector(ints) } }));
    }
}
