using MilForge.Numerics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>
/// Removes casts that change nothing: a cast to the type its input already has, and a cast back after a lossless
/// widening (fp16 → fp32 → fp16). A narrowing first step (fp32 → fp16 → fp32) changes values and is kept.
/// <code>
/// before:  %a: fp32 = cast(x=%h, dtype="fp32")   %b: fp16 = cast(x=%a, dtype="fp16")   %y = relu(x=%b)
/// after:   %y = relu(x=%h)
/// </code>
/// A cast that reads the output of a lossless widening reads the original instead (fp16 → fp32 → int32 becomes fp16 → int32).
/// </summary>
public sealed class CastOptimizationPass : IProgramPass
{
    /// <inheritdoc />
    public string Name => "cast_optimization";

    /// <inheritdoc />
    public bool Run(MilProgram program)
    {
        var changed = false;
        foreach (var block in program.Functions.Values.SelectMany(f => f.AllBlocks()))
        {
            foreach (var op in block.Operations.Where(o => o.Type == "cast").ToList())
            {
                var input = op.Input("x")!;
                if (input.Type is not TensorType source || op.Output.Type is not TensorType target)
                {
                    continue;
                }
                if (source.DataType == target.DataType && !IsBlockOutput(op.Output))
                {
                    Block.ReplaceAllUses(op.Output, input);
                    changed = true;
                }
                else if (input.Producer is { Type: "cast" } inner && inner.Input("x") is { Type: TensorType original }
                    && IsLossless(original.DataType, source.DataType))
                {
                    if (original.DataType == target.DataType && !IsBlockOutput(op.Output))
                    {
                        Block.ReplaceAllUses(op.Output, inner.Input("x")!);
                    }
                    else
                    {
                        op.ReplaceInput(input, inner.Input("x")!);
                    }
                    changed = true;
                }
            }
        }
        if (changed)
        {
            new DeadCodeElimination().Run(program);
        }
        return changed;
    }

    private static bool IsLossless(DataType from, DataType to) =>
        (from, to) is (DataType.Float16, DataType.Float32) or (DataType.Float16, DataType.Float64) or (DataType.Float32, DataType.Float64);

    private static bool IsBlockOutput(Value value) => value.Producer?.Parent?.Outputs.Contains(value) == true;
}
