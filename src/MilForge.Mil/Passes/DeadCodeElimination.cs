namespace MilForge.Mil.Passes;

/// <summary>
/// Removes ops none of whose outputs is used by another op or returned by a block.
/// <code>
/// before:  %a = relu(x=%x)   %b = exp(x=%x)   -> (%a)
/// after:   %a = relu(x=%x)                    -> (%a)
/// </code>
/// </summary>
public sealed class DeadCodeElimination : IProgramPass
{
    /// <inheritdoc />
    public string Name => "dead_code_elimination";

    /// <inheritdoc />
    public bool Run(MilProgram program)
    {
        var changed = false;
        foreach (var function in program.Functions.Values)
        {
            changed |= Run(function);
        }
        return changed;
    }

    /// <summary>Removes the dead ops of one function (nested blocks included); true when any was removed.</summary>
    public static bool Run(Function function)
    {
        var changed = false;
        bool removed;
        do
        {
            removed = false;
            var returned = function.AllBlocks().SelectMany(b => b.Outputs).ToHashSet();
            foreach (var block in function.AllBlocks().ToList())
            {
                for (var i = block.Operations.Count - 1; i >= 0; i--)
                {
                    var op = block.Operations[i];
                    if (op.Outputs.Count > 0 && op.Outputs.All(o => o.Consumers.Count == 0 && !returned.Contains(o)))
                    {
                        block.Remove(op);
                        removed = changed = true;
                    }
                }
            }
        }
        while (removed);
        return changed;
    }
}
