using MilForge.Diagnostics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>The <c>--on-weight-overflow error</c> pre-check of the FP16 pass.</summary>
public sealed partial class Fp16ComputePass
{
    /// <summary>
    /// <see cref="WeightOverflowAction.Error"/>: before anything is rewritten, one MIL2101 per overflowing constant that
    /// an op would convert, naming every op that reads it; the program is left as it was.
    /// </summary>
    private static void ThrowIfAnyConstantOverflows(MilProgram program)
    {
        var readers = new Dictionary<Value, List<Operation>>();
        foreach (var op in program.Functions.Values.SelectMany(f => f.AllOperations()))
        {
            if (op.IsConst || StaysAsItIs(op))
            {
                continue;
            }
            foreach (var constant in ConvertibleConstants(op))
            {
                if (!readers.TryGetValue(constant, out var list))
                {
                    readers[constant] = list = [];
                }
                list.Add(op);
            }
        }
        var diagnostics = new List<Diagnostic>();
        foreach (var (constant, ops) in readers)
        {
            var (overflowing, _, maxAbs, _) = Fp16ConstantCaster.Inspect(constant.ConstantValue!);
            if (overflowing > 0)
            {
                var origin = constant.Producer!.Origin;
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MilFp16Overflow,
                    $"constant '{constant.Name}' ({origin}) has {overflowing} value(s) beyond ±65504 (max |v| = {maxAbs:G6}), read by " +
                    $"{string.Join(", ", ops.Select(op => $"{op.Type} '{op.Name}' ({op.Origin})"))}; --on-weight-overflow error stops here.", origin));
            }
        }
        if (diagnostics.Count > 0)
        {
            throw new DiagnosticException(diagnostics);
        }
    }
}
