using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Runtime;

/// <summary>
/// Runs the ops that own blocks (<c>cond</c>, <c>while_loop</c>) by running their blocks through the interpreter, so
/// every op inside a block goes through the same kernels and listener callbacks as the ops of the function body.
/// </summary>
internal static class ControlFlowExecutor
{
    /// <summary>Iterations after which a loop is taken to be runaway.</summary>
    private const long MaxIterations = 100_000_000;

    public static IReadOnlyList<Tensor> Execute(MilInterpreter interpreter, Operation op, Dictionary<Value, Tensor> values, RunOptions options) =>
        op.Type switch
        {
            "cond" => Cond(interpreter, op, values, options),
            "while_loop" => WhileLoop(interpreter, op, values, options),
            _ => throw new DiagnosticException(DiagnosticCodes.RunNoKernel, $"{op}: the interpreter cannot run an op with nested blocks of type '{op.Type}'.", op.Origin),
        };

    private static IReadOnlyList<Tensor> Cond(MilInterpreter interpreter, Operation op, Dictionary<Value, Tensor> values, RunOptions options)
    {
        var pred = values[op.Input("pred")!];
        var branch = pred.GetLong(0) != 0 ? op.Blocks[0] : op.Blocks[1];
        return RunAndForget(interpreter, branch, [], values, options);
    }

    private static IReadOnlyList<Tensor> WhileLoop(MilInterpreter interpreter, Operation op, Dictionary<Value, Tensor> values, RunOptions options)
    {
        var (condition, body) = (op.Blocks[0], op.Blocks[1]);
        IReadOnlyList<Tensor> vars = [.. op.Inputs["loop_vars"].Values.Select(v => values[v])];
        for (long iteration = 0; ; iteration++)
        {
            if (RunAndForget(interpreter, condition, vars, values, options)[0].GetLong(0) == 0)
            {
                return vars;
            }
            if (iteration >= MaxIterations)
            {
                throw new DiagnosticException(DiagnosticCodes.RunOpFailed, $"{op}: the loop did not end after {MaxIterations} iterations.", op.Origin);
            }
            vars = RunAndForget(interpreter, body, vars, values, options);
            for (var i = 0; i < vars.Count; i++)
            {
                CheckFits(op, body.Inputs[i], vars[i]);
            }
        }
    }

    /// <summary>Runs a block on its input tensors, then drops every value the block defined (they are out of scope after it).</summary>
    private static IReadOnlyList<Tensor> RunAndForget(MilInterpreter interpreter, Block block, IReadOnlyList<Tensor> inputs,
        Dictionary<Value, Tensor> values, RunOptions options)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            values[block.Inputs[i]] = inputs[i];
        }
        var outputs = interpreter.RunBlock(block, values, options);
        foreach (var inner in block.SelfAndNested())
        {
            foreach (var v in inner.Inputs.Concat(inner.Operations.SelectMany(o => o.Outputs)))
            {
                values.Remove(v);
            }
        }
        return outputs;
    }

    private static void CheckFits(Operation op, Value slot, Tensor value)
    {
        var declared = slot.TensorType;
        var fits = value.DataType == declared.DataType && value.Rank == declared.Rank
            && declared.Shape.Dims.Select((d, k) => !d.IsKnown || d.Size == value.Shape[k]).All(b => b);
        if (!fits)
        {
            throw new DiagnosticException(DiagnosticCodes.RunOpFailed,
                $"{op}: the body produced {value.DataType.MilName()}[{string.Join(",", value.Shape)}] for loop variable %{slot.Name} declared {declared}.", op.Origin);
        }
    }
}
