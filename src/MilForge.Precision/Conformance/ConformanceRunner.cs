using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Precision.Conformance;

/// <summary>
/// Runs ONNX backend tests (folders with <c>model.onnx</c> and <c>test_data_set_N/</c>): convert, interpret in FP32,
/// and compare each output with ONNX's rule |a − e| ≤ atol + rtol·|e| (rtol 1e-3, atol 1e-7). A model with an
/// unsupported op or type counts as unsupported; any other failure — including a crash — counts as failed with its
/// message, so one bad test never stops the run.
/// </summary>
public sealed class ConformanceRunner
{
    /// <summary>ONNX's default relative tolerance.</summary>
    public double Rtol { get; init; } = 1e-3;

    /// <summary>ONNX's default absolute tolerance.</summary>
    public double Atol { get; init; } = 1e-7;

    /// <summary>Finds every test folder under <paramref name="root"/> (a folder holding model.onnx), sorted.</summary>
    public static IReadOnlyList<string> FindTests(string root) =>
        [.. Directory.EnumerateFiles(root, "model.onnx", SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>Runs one test folder.</summary>
    public ConformanceResult Run(string testDirectory, string root)
    {
        var name = Path.GetFileName(testDirectory);
        var suite = Path.GetRelativePath(root, Path.GetDirectoryName(testDirectory)!) is var rel && rel != "." ? rel : Path.GetFileName(root);
        var op = "(unknown)";
        try
        {
            var model = OnnxModel.Load(Path.Combine(testDirectory, "model.onnx"));
            op = PrimaryOp(model, testDirectory);
            if (model.HasNonTensorIO)
            {
                return new(name, suite, op, ConformanceOutcome.Unsupported, "sequence, map or optional values are not supported");
            }
            var signatures = OnnxConversion.InputSignatures(model);
            var dataSets = Directory.GetDirectories(testDirectory, "test_data_set_*").Order(StringComparer.Ordinal).ToList();
            var (import, frozen) = ImportWithFrozenInputs(model, signatures, dataSets);
            var milOps = MilOpsByOrigin(import.Program);
            var outputs = model.OutputSignatures().Select(o => o.Name).ToList();
            var interpreter = new MilInterpreter();
            foreach (var dataSet in dataSets)
            {
                var inputs = TestDataLoader.Load(dataSet, signatures);
                if (frozen.Count > 0 && dataSet != dataSets[0])
                {
                    break;
                }
                var milInputs = import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key]);
                var actual = interpreter.Run(import.Program, milInputs);
                for (var k = 0; k < outputs.Count; k++)
                {
                    var expectedFile = Path.Combine(dataSet, $"output_{k}.pb");
                    var expected = OnnxTensors.ReadFile(expectedFile).Tensor;
                    var comparison = TensorComparer.Compare(outputs[k], expected, AsDeclared(actual[import.OutputNames[k].Value], expected), Atol, Rtol);
                    if (!comparison.Passed)
                    {
                        return new(name, suite, op, ConformanceOutcome.Failed, Describe(comparison), frozen, milOps);
                    }
                }
            }
            return new(name, suite, op, ConformanceOutcome.Passed, null, frozen, milOps);
        }
        catch (DiagnosticException e) when (IsUnsupported(e))
        {
            return new(name, suite, op, ConformanceOutcome.Unsupported, e.Diagnostics[0].Message);
        }
        catch (Exception e)
        {
            return new(name, suite, op, ConformanceOutcome.Failed, e is DiagnosticException d ? d.Diagnostics[0].ToString() : $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Converts the model; when a converter needs a constant that the test feeds as a graph input (a shape, axes,
    /// indices, a resize's scales), converts again with the integer inputs, and then each input the converter names,
    /// frozen to the first data set's values, and says which.
    /// </summary>
    private static (Onnx.Import.ImportResult Import, IReadOnlyList<string> Frozen) ImportWithFrozenInputs(
        OnnxModel model, IReadOnlyList<TensorSignature> signatures, IReadOnlyList<string> dataSets)
    {
        try
        {
            return (OnnxConversion.Import(model), []);
        }
        catch (DiagnosticException e) when (e.Code == DiagnosticCodes.OnnxNotConstant && dataSets.Count > 0)
        {
            var inputs = TestDataLoader.Load(dataSets[0], signatures);
            var known = signatures.Where(s => s.DataType.IsInteger()).ToDictionary(s => s.Name, s => inputs[s.Name]);
            // Then any other input a converter names as needing a constant (float scales, roi...), one at a time.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return (OnnxConversion.Import(model, knownInputs: known), [.. known.Keys]);
                }
                catch (DiagnosticException again) when (again.Code == DiagnosticCodes.OnnxNotConstant && attempt < signatures.Count
                    && signatures.FirstOrDefault(s => !known.ContainsKey(s.Name) && again.Message.Contains($"'{s.Name}'", StringComparison.Ordinal)) is { } named)
                {
                    known[named.Name] = inputs[named.Name];
                }
            }
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> MilOpsByOrigin(Mil.MilProgram program) => program.Main.AllOperations()
        .Where(o => !o.IsConst && o.Origin.OpType is not null)
        .GroupBy(o => o.Origin.OpType!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(o => o.Type).Distinct().Order(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>
    /// A bfloat16 output is computed in fp32 (MIL has no bfloat16), while ONNX's expected values are rounded to
    /// bfloat16 (2^-9 relative, beyond rtol): the fp32 result is rounded to the declared type before comparing.
    /// </summary>
    private static Tensor AsDeclared(Tensor actual, Tensor expected) =>
        expected.DataType == DataType.BFloat16 && actual.DataType == DataType.Float32 ? actual.CastTo(DataType.BFloat16) : actual;

    private static bool IsUnsupported(DiagnosticException e) => e.Code is DiagnosticCodes.OnnxUnsupportedOp or DiagnosticCodes.OnnxUnsupportedType
        or DiagnosticCodes.OnnxBadAttribute or DiagnosticCodes.OnnxNotConstant or DiagnosticCodes.PkgUnsupported;

    private static string Describe(OutputComparison c) => c.Detail is not null
        ? $"output '{c.Name}': {c.Detail}"
        : $"output '{c.Name}': {c.Mismatches} of {c.Elements} elements differ (max abs {c.MaxAbsError:G3}, max rel {c.MaxRelError:G3}; NaN {c.CandidateNaN} vs {c.ReferenceNaN})";

    /// <summary>The op a test exercises: the type of its single node; an expanded test reports its base test's op.</summary>
    public static string PrimaryOp(OnnxModel model, string testDirectory)
    {
        var nodes = model.NodeOpTypes.Where(t => t != "Constant").ToList();
        if (nodes.Count == 1)
        {
            return nodes[0];
        }
        var name = Path.GetFileName(testDirectory);
        var marker = name.IndexOf("_expanded", StringComparison.Ordinal);
        if (marker > 0)
        {
            var baseModel = Path.Combine(Path.GetDirectoryName(testDirectory)!, name[..marker], "model.onnx");
            if (File.Exists(baseModel))
            {
                var baseNodes = OnnxModel.Load(baseModel).NodeOpTypes.Where(t => t != "Constant").ToList();
                if (baseNodes.Count == 1)
                {
                    return baseNodes[0] + " (expanded)";
                }
            }
        }
        return "(model)";
    }
}
