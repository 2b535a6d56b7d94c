using MilForge.Mil.Ops.ControlFlow;

namespace MilForge.Mil.Building;

/// <summary>Builds <c>cond</c> and <c>while_loop</c> from callbacks that fill their blocks.</summary>
public static class ControlFlowBuilding
{
    /// <summary>How many times a loop is rebuilt with relaxed loop-variable types before giving up.</summary>
    private const int MaxRelaxations = 4;

    /// <summary>
    /// Builds <c>cond(pred)</c>: <paramref name="whenTrue"/> and <paramref name="whenFalse"/> get a builder for their
    /// branch block and return its outputs. Returns the cond's outputs (dims on which the branches differ are symbolic).
    /// </summary>
    public static IReadOnlyList<Value> Cond(this MilBuilder builder, Value pred, Func<MilBuilder, IReadOnlyList<Value>> whenTrue,
        Func<MilBuilder, IReadOnlyList<Value>> whenFalse, string? name = null) =>
        builder.Build("cond", new OpArgs { { "pred", pred } }, name, fillBlocks: blocks =>
        {
            Fill(builder, blocks[0], whenTrue(builder.ForBlock(blocks[0])));
            Fill(builder, blocks[1], whenFalse(builder.ForBlock(blocks[1])));
        });

    /// <summary>
    /// Builds <c>while_loop(loop_vars)</c>: <paramref name="condition"/> gets the loop variables (block inputs) and
    /// returns a bool scalar; <paramref name="body"/> gets them and returns their next values. When the body changes a
    /// dim, the loop is rebuilt with that dim symbolic. Returns the final loop variables.
    /// </summary>
    public static IReadOnlyList<Value> WhileLoop(this MilBuilder builder, IReadOnlyList<Value> loopVars,
        Func<MilBuilder, IReadOnlyList<Value>, Value> condition, Func<MilBuilder, IReadOnlyList<Value>, IReadOnlyList<Value>> body,
        string? name = null)
    {
        var slots = loopVars.Select(v => v.Type).ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return builder.Build("while_loop", new OpArgs { { "loop_vars", loopVars.ToArray() } }, name, fillBlocks: blocks =>
                {
                    var condInputs = AddInputs(blocks[0], loopVars, slots);
                    Fill(builder, blocks[0], [condition(builder.ForBlock(blocks[0]), condInputs)]);
                    var bodyInputs = AddInputs(blocks[1], loopVars, slots);
                    var next = body(builder.ForBlock(blocks[1]), bodyInputs);
                    if (attempt < MaxRelaxations && next.Count == slots.Count && Relax(slots, next, loopVars) is { } relaxed)
                    {
                        throw new Relaxation(relaxed);
                    }
                    Fill(builder, blocks[1], next);
                });
            }
            catch (Relaxation r)
            {
                slots = r.Slots;
            }
        }
    }

    private static List<Value> AddInputs(Block block, IReadOnlyList<Value> loopVars, List<MilType> slots) =>
        [.. slots.Select((t, i) => block.AddInput($"{loopVars[i].Name}_iter", t))];

    /// <summary>New slot types when a body result does not fit its slot (a dim changed); null when all fit.</summary>
    private static List<MilType>? Relax(List<MilType> slots, IReadOnlyList<Value> next, IReadOnlyList<Value> loopVars)
    {
        var changed = false;
        var relaxed = new List<MilType>(slots.Count);
        for (var i = 0; i < slots.Count; i++)
        {
            if (!BranchTypes.Fits(next[i].Type, slots[i]) && slots[i] is TensorType s && next[i].Type is TensorType n
                && BranchTypes.Merge(s, n, $"{loopVars[i].Name}_iter") is { } merged)
            {
                relaxed.Add(merged);
                changed = true;
            }
            else
            {
                relaxed.Add(slots[i]);
            }
        }
        return changed ? relaxed : null;
    }

    /// <summary>Sets a block's outputs; a value not computed in the block (an outer value or a block input) goes through an identity.</summary>
    private static void Fill(MilBuilder outer, Block block, IReadOnlyList<Value> outputs)
    {
        var inner = outer.ForBlock(block);
        foreach (var value in outputs)
        {
            block.AddOutput(value.Producer?.Parent == block ? value : inner.Single("identity", new() { { "x", value } }, $"{value.Name}_out"));
        }
    }

    /// <summary>Abandons one attempt at building a loop, carrying the relaxed loop-variable types.</summary>
    private sealed class Relaxation(List<MilType> slots) : Exception
    {
        public List<MilType> Slots { get; } = slots;
    }
}
