using System.Text.Json;
using MilForge.CoreML.Package;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;

namespace MilForge.Runtime.Tests.CoremltoolsOps;

/// <summary>
/// The op-coverage packages coremltools made (shared/fixtures/coremltools-ops): each fp32 and fp16 package is read
/// and run by the interpreter, and every output matches PyTorch's (fp32 rtol 1e-3/atol 1e-4, fp16 1e-2 relative to
/// the output's range). Fixtures whose ops MilForge cannot run yet are listed in <see cref="Pending"/> with the
/// reason; a pending fixture that starts passing fails, so the list only shrinks.
/// </summary>
public class CoremltoolsOpsPackagesSharedTests
{
    /// <summary>Fixtures of later issues (compressed weights, state), not run here.</summary>
    private static readonly HashSet<string> OutOfScope = ["compressed", "stateful"];

    /// <summary>Fixtures that do not run yet, with the reason.</summary>
    private static readonly Dictionary<string, string> Pending = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string, string> Packages()
    {
        var data = new TheoryData<string, string>();
        if (SharedData.Root is null)
        {
            data.Add("resize", "fp32.mlpackage");
            return data;
        }
        var root = Path.Combine(SharedData.Root, "fixtures", "coremltools-ops");
        foreach (var fixture in Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (OutOfScope.Contains(fixture!))
            {
                continue;
            }
            foreach (var package in Directory.GetDirectories(Path.Combine(root, fixture!), "*.mlpackage").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                data.Add(fixture!, package!);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void RunsAndMatchesPyTorchShared(string fixture, string package)
    {
        var dir = SharedData.Path("fixtures", "coremltools-ops", fixture);
        Exception? failure = null;
        try
        {
            AssertRunsAndMatches(dir, package);
        }
        catch (Exception e) when (Pending.ContainsKey(fixture))
        {
            failure = e;
        }
        if (Pending.TryGetValue(fixture, out var reason))
        {
            Assert.True(failure is not null, $"{fixture}/{package} is listed as pending ({reason}) but now passes: remove it from the list");
            Assert.Skip($"pending: {reason} ({failure!.GetType().Name}: {FirstLine(failure.Message)})");
        }
    }

    /// <summary>Runs one package on test_data_set_0 and compares every output with PyTorch's.</summary>
    internal static void AssertRunsAndMatches(string fixtureDirectory, string package)
    {
        var model = MlPackageReader.Read(Path.Combine(fixtureDirectory, package));
        var data = Path.Combine(fixtureDirectory, "test_data_set_0");
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(data, "input_*.pb").Order(StringComparer.Ordinal))
        {
            var (name, tensor) = OnnxTensors.ReadFile(file);
            inputs[name] = tensor;
        }
        var actual = new MilInterpreter().Run(model.Program, inputs, new RunOptions { CastInputs = true });
        var fp16 = package.StartsWith("fp16", StringComparison.Ordinal);
        var (atol, rtol) = Tolerance(fixtureDirectory, package, fp16);
        foreach (var file in Directory.GetFiles(data, "output_*.pb").Order(StringComparer.Ordinal))
        {
            var (name, expected) = OnnxTensors.ReadFile(file);
            Assert.True(actual.ContainsKey(name), $"{package}: no output '{name}' (outputs: {string.Join(", ", actual.Keys)})");
            var candidate = actual[name].CastTo(expected.DataType);
            var range = expected.DataType.IsFloat() ? Math.Max(1, expected.AsDoubles().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty().Max()) : 1;
            var c = TensorComparer.Compare(name, expected, candidate, fp16 ? atol * range : atol, rtol);
            Assert.True(c.Passed, $"{Path.GetFileName(fixtureDirectory)}/{package} output '{name}': "
                + (c.Detail ?? $"{c.Mismatches}/{c.Elements} differ, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}"));
        }
    }

    /// <summary>fp32 1e-4/1e-3; fp16 1e-2/1e-2 unless info.json states a tolerance for the package.</summary>
    private static (double Atol, double Rtol) Tolerance(string fixtureDirectory, string package, bool fp16)
    {
        if (!fp16)
        {
            return (1e-4, 1e-3);
        }
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtureDirectory, "info.json")));
        if (info.RootElement.TryGetProperty("coreml", out var coreml) && coreml.TryGetProperty(package, out var facts)
            && facts.TryGetProperty("tolerance", out var t) && t.ValueKind == JsonValueKind.Number)
        {
            return (t.GetDouble(), t.GetDouble());
        }
        return (1e-2, 1e-2);
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}
