using MilForge.Diagnostics;
using MilForge.Mil.Ops;

namespace MilForge.Mil.Verification;

/// <summary>
/// Checks that a program is well formed: SSA (every value defined before use, in scope, once), valid identifiers,
/// every op available at the function's target, required inputs present, and declared output types equal to what
/// the op definitions infer now. Returns diagnostics instead of throwing.
/// </summary>
public static class MilVerifier
{
    /// <summary>Verifies every function of the program.</summary>
    public static IReadOnlyList<Diagnostic> Verify(MilProgram program, OpCatalog? catalog = null)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var function in program.Functions.Values)
        {
            Verify(function, catalog ?? OpCatalog.Default, diagnostics);
        }
        return diagnostics;
    }

    private static void Verify(Function function, OpCatalog catalog, List<Diagnostic> diagnostics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var defined = new HashSet<Value>();
        foreach (var input in function.Inputs)
        {
            CheckName(input, names, diagnostics, Origin.None);
            defined.Add(input);
        }
        VerifyBlock(function.Body, function, catalog, names, defined, diagnostics);
    }

    private static void VerifyBlock(Block block, Function function, OpCatalog catalog, HashSet<string> names,
        HashSet<Value> defined, List<Diagnostic> diagnostics)
    {
        var scope = new HashSet<Value>(defined);
        foreach (var input in block.Inputs)
        {
            CheckName(input, names, diagnostics, Origin.None);
            scope.Add(input);
        }
        foreach (var op in block.Operations)
        {
            if (catalog.Resolve(op.Type, function.Target) is null || op.Definition.Since > function.Target)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilOpUnavailable,
                    $"{op}: op type '{op.Type}' (version {op.Definition.Since}) is not available at {function.Target}.", op.Origin));
            }
            if (!NameScope.IsValidIdentifier(op.Name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed, $"{op}: op name '{op.Name}' is not a valid identifier.", op.Origin));
            }
            foreach (var v in op.InputValues)
            {
                if (!scope.Contains(v))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed,
                        $"{op}: input %{v.Name} is not defined before use.", op.Origin));
                }
            }
            foreach (var spec in op.Definition.Inputs.Where(s => !s.IsOptional && !op.Inputs.ContainsKey(s.Name)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed, $"{op}: required input '{spec.Name}' is missing.", op.Origin));
            }
            if (!op.IsConst && op.Blocks.Count == op.Definition.BlockCount)
            {
                CheckInferredTypes(op, function.Target, diagnostics);
            }
            else if (!op.IsConst)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed,
                    $"{op}: has {op.Blocks.Count} nested blocks, its definition {op.Definition.BlockCount}.", op.Origin));
            }
            foreach (var inner in op.Blocks)
            {
                VerifyBlock(inner, function, catalog, names, scope, diagnostics);
            }
            foreach (var output in op.Outputs)
            {
                CheckName(output, names, diagnostics, op.Origin);
                scope.Add(output);
            }
        }
        foreach (var output in block.Outputs)
        {
            if (!scope.Contains(output))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed, $"Block output %{output.Name} is not defined in the block."));
            }
        }
    }

    private static void CheckInferredTypes(Operation op, DeploymentTarget target, List<Diagnostic> diagnostics)
    {
        try
        {
            var context = new OpInputs(op.Definition, op.Name, op.Inputs, op.Origin, target, op.Blocks);
            Building.TypeChecker.Check(context);
            var inferred = op.Definition.InferTypes(context);
            if (inferred.Count != op.Outputs.Count)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed,
                    $"{op}: has {op.Outputs.Count} outputs, its definition infers {inferred.Count}.", op.Origin));
                return;
            }
            for (var i = 0; i < inferred.Count; i++)
            {
                if (!Agree(op.Outputs[i].Type, inferred[i]))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilTypeMismatch,
                        $"{op}: output %{op.Outputs[i].Name} is declared {op.Outputs[i].Type} but infers {inferred[i]}.", op.Origin));
                }
            }
        }
        catch (DiagnosticException e)
        {
            diagnostics.AddRange(e.Diagnostics);
        }
    }

    /// <summary>
    /// A declared type agrees with the inferred one when they have the same element type and rank and no dim is
    /// known on both sides with different sizes. Symbolic dims are unknowns: an op rebuilt or renamed by a pass
    /// infers fresh symbols for dims that were declared under other names (or known), which is no contradiction.
    /// </summary>
    internal static bool Agree(MilType declared, MilType inferred) => (declared, inferred) switch
    {
        (TensorType d, TensorType i) => d.DataType == i.DataType && d.Rank == i.Rank
            && d.Shape.Dims.Zip(i.Shape.Dims).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First.Size == p.Second.Size),
        (ListType d, ListType i) => Agree(d.Element, i.Element),
        _ => Equals(declared, inferred),
    };

    private static void CheckName(Value value, HashSet<string> names, List<Diagnostic> diagnostics, Origin origin)
    {
        if (!NameScope.IsValidIdentifier(value.Name))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed, $"Value name '{value.Name}' is not a valid MIL identifier.", origin));
        }
        if (!names.Add(value.Name))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilMalformed, $"Value name '{value.Name}' is defined more than once.", origin));
        }
    }
}
