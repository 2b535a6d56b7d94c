using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime;

/// <summary>
/// Runs a MIL function op by op with one kernel per op type. Values keep their declared element types: an fp16
/// value is stored as binary16, so every fp16 op's result is rounded to binary16 (FP16 emulation), while sums
/// inside ops follow the run's <see cref="PrecisionPolicy"/>. Intermediate tensors are released after their last use.
/// Control flow (<c>cond</c>, <c>while_loop</c>) runs its blocks through the same path, listener callbacks included.
/// </summary>
public sealed class MilInterpreter
{
    /// <summary>Creates an interpreter with the given kernels (default: all of MilForge.Runtime's).</summary>
    public MilInterpreter(KernelRegistry? kernels = null) => Kernels = kernels ?? KernelRegistry.Default;

    /// <summary>The kernels used.</summary>
    public KernelRegistry Kernels { get; }

    /// <summary>Runs <c>main</c> of a program.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(MilProgram program, IReadOnlyDictionary<string, Tensor> inputs, RunOptions? options = null) =>
        Run(program.Main, inputs, options);

    /// <summary>
    /// Runs a function on named inputs and returns its outputs by name, in the function's output order.
    /// Raises RUN4001 for missing or mis-shaped inputs and RUN4002 for an op without a kernel.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Run(Function function, IReadOnlyDictionary<string, Tensor> inputs, RunOptions? options = null)
    {
        options ??= new RunOptions();
        CheckKernels(function);
        var values = new Dictionary<Value, Tensor>();
        foreach (var input in function.Inputs)
        {
            values[input] = BindInput(input, inputs, options);
        }
        var extra = inputs.Keys.Except(function.Inputs.Select(i => i.Name)).ToList();
        if (extra.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                $"Unknown input(s) {string.Join(", ", extra.Select(e => $"'{e}'"))}; the model's inputs are {string.Join(", ", function.Inputs.Select(i => $"'{i.Name}'"))}.");
        }
        var outputs = RunBlock(function.Body, values, options);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < outputs.Count; i++)
        {
            result[function.Body.Outputs[i].Name] = outputs[i];
        }
        return result;
    }

    /// <summary>Runs a block given tensors for every value it reads from outside; returns its outputs in order.</summary>
    public IReadOnlyList<Tensor> RunBlock(Block block, Dictionary<Value, Tensor> values, RunOptions options)
    {
        var lastUse = LastUses(block);
        for (var index = 0; index < block.Operations.Count; index++)
        {
            var op = block.Operations[index];
            var outputs = Execute(op, values, options);
            for (var i = 0; i < outputs.Count; i++)
            {
                values[op.Outputs[i]] = outputs[i];
            }
            foreach (var v in op.InputValues)
            {
                if (lastUse.TryGetValue(v, out var last) && last == index && v.Producer?.Parent == block)
                {
                    values.Remove(v);
                }
            }
        }
        return [.. block.Outputs.Select(o => values.TryGetValue(o, out var t) ? t
            : throw new InvalidOperationException($"Block output %{o.Name} was never computed."))];
    }

    private IReadOnlyList<Tensor> Execute(Operation op, Dictionary<Value, Tensor> values, RunOptions options)
    {
        var inputs = op.InputValues.Select(v => values.TryGetValue(v, out var t) ? t
            : throw new InvalidOperationException($"{op}: input %{v.Name} has no value.")).ToList();
        options.Listener?.BeforeOp(op, inputs);
        IReadOnlyList<Tensor> outputs;
        if (op.IsConst)
        {
            outputs = [op.Attributes["val"]];
        }
        else if (op.Blocks.Count > 0)
        {
            outputs = ControlFlowExecutor.Execute(this, op, values, options);
            CheckOutputs(op, outputs);
        }
        else
        {
            var kernel = Kernels.Find(op.Type)!;
            try
            {
                outputs = kernel.Execute(new KernelContext(op, v => values[v], options.Policy));
            }
            catch (Exception e) when (e is not DiagnosticException)
            {
                throw new InvalidOperationException($"Kernel {kernel.GetType().Name} failed on {op} ({op.Origin}): {e.Message}", e);
            }
            CheckOutputs(op, outputs);
        }
        options.Listener?.AfterOp(op, inputs, outputs);
        return outputs;
    }

    private static void CheckOutputs(Operation op, IReadOnlyList<Tensor> outputs)
    {
        if (outputs.Count != op.Outputs.Count)
        {
            throw new InvalidOperationException($"{op}: kernel returned {outputs.Count} outputs, expected {op.Outputs.Count}.");
        }
        for (var i = 0; i < outputs.Count; i++)
        {
            if (op.Outputs[i].Type is not TensorType declared)
            {
                continue;
            }
            var actual = outputs[i];
            var shapeOk = declared.Rank == actual.Rank && declared.Shape.Dims.Select((d, k) => !d.IsKnown || d.Size == actual.Shape[k]).All(b => b);
            if (actual.DataType != declared.DataType || !shapeOk)
            {
                throw new InvalidOperationException(
                    $"{op}: kernel produced {actual.DataType.MilName()}[{string.Join(",", actual.Shape)}] for %{op.Outputs[i].Name} declared {declared}.");
            }
        }
    }

    private void CheckKernels(Function function)
    {
        var missing = function.AllOperations().Where(o => !o.IsConst && o.Blocks.Count == 0 && Kernels.Find(o.Type) is null)
            .GroupBy(o => o.Type).ToList();
        if (missing.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.RunNoKernel,
                "The interpreter has no kernel for: " + string.Join(", ", missing.Select(g => $"{g.Key} ({g.Count()}× e.g. '{g.First().Name}')")) + ".");
        }
    }

    private static Tensor BindInput(Value input, IReadOnlyDictionary<string, Tensor> inputs, RunOptions options)
    {
        if (!inputs.TryGetValue(input.Name, out var tensor))
        {
            throw new DiagnosticException(DiagnosticCodes.RunBadInput, $"Input '{input.Name}' ({input.Type}) is missing.");
        }
        var declared = input.TensorType;
        if (tensor.DataType != declared.DataType)
        {
            if (!options.CastInputs)
            {
                throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                    $"Input '{input.Name}' is {tensor.DataType.MilName()}, the model declares {declared.DataType.MilName()}.");
            }
            tensor = tensor.CastTo(declared.DataType);
        }
        var rankOk = declared.Rank == tensor.Rank;
        if (!rankOk || declared.Shape.Dims.Where((d, i) => d.IsKnown && d.Size != tensor.Shape[i]).Any())
        {
            throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                $"Input '{input.Name}' has shape [{string.Join(", ", tensor.Shape)}], the model declares {declared.Shape}.");
        }
        return tensor;
    }

    private static Dictionary<Value, int> LastUses(Block block)
    {
        var last = new Dictionary<Value, int>();
        for (var i = 0; i < block.Operations.Count; i++)
        {
            foreach (var v in block.Operations[i].InputValues)
            {
                last[v] = i;
            }
            foreach (var inner in block.Operations[i].Blocks.SelectMany(b => b.SelfAndNested()))
            {
                foreach (var v in inner.Operations.SelectMany(o => o.InputValues).Concat(inner.Outputs))
                {
                    last[v] = i;
                }
            }
        }
        foreach (var o in block.Outputs)
        {
            last[o] = int.MaxValue;
        }
        return last;
    }
}
