using System.Globalization;
using MilForge.Numerics;
using MilForge.Precision.Inputs;

namespace MilForge.Cli.Commands;

/// <summary>Input loading and output summaries shared by the verbs.</summary>
internal static class CommandInputs
{
    /// <summary>The <c>--accumulation</c> option of run and compare.</summary>
    public static System.CommandLine.Option<string> AccumulationOption()
    {
        var option = new System.CommandLine.Option<string>("--accumulation")
        {
            Description = "How FP16 ops accumulate sums: fp32-accumulate (default) or fp16-accumulate (every partial sum rounded to binary16).",
            DefaultValueFactory = _ => "fp32-accumulate",
        };
        option.AcceptOnlyFromAmong("fp32-accumulate", "fp16-accumulate");
        return option;
    }

    /// <summary>
    /// Loads inputs from a folder, or generates seeded random inputs and says so; given shapes replace symbolic dims
    /// and given values replace loaded or generated ones.
    /// </summary>
    public static Dictionary<string, Tensor> Resolve(string? directory, IReadOnlyList<TensorSignature> signatures, TextWriter output,
        InputOverrides? overrides = null, int seed = RandomInputs.DefaultSeed)
    {
        overrides ??= new InputOverrides();
        signatures = overrides.Apply(signatures);
        if (overrides.Describe() is { } given)
        {
            output.WriteLine($"  given inputs: {given}");
        }
        Dictionary<string, Tensor> values;
        if (directory is not null)
        {
            values = TestDataLoader.Load(directory, signatures);
        }
        else
        {
            output.WriteLine($"No --inputs given: using seeded random inputs (seed {seed}; floats uniform in [-1, 1), integers in [0, 4), unless --input-range says otherwise):");
            foreach (var s in signatures)
            {
                var range = overrides.Ranges.TryGetValue(s.Name, out var r) ? string.Create(CultureInfo.InvariantCulture, $" in [{r.Low}, {r.High}]") : "";
                output.WriteLine($"  {s}{range}{(s.Shape.IsStatic ? "" : " (symbolic dims are 1; fix them with --input NAME:SHAPE)")}");
            }
            values = RandomInputs.Generate(signatures, seed, overrides.Ranges);
        }
        overrides.Fill(values, signatures);
        return values;
    }

    /// <summary>One line describing a tensor: dtype, shape, range, mean and non-finite counts.</summary>
    public static string Summary(string name, Tensor t)
    {
        var inv = CultureInfo.InvariantCulture;
        if (t.DataType == DataType.String || t.Length == 0)
        {
            return $"{name}: {t.DataType.MilName()}[{string.Join(", ", t.Shape)}]";
        }
        var values = t.AsDoubles();
        var finite = values.Where(double.IsFinite).ToArray();
        var nan = values.Count(double.IsNaN);
        var inf = values.Count(double.IsInfinity);
        var range = finite.Length == 0 ? "no finite values"
            : string.Create(inv, $"min {finite.Min():G5}, max {finite.Max():G5}, mean {finite.Average():G5}");
        var bad = nan + inf > 0 ? $", NaN {nan}, Inf {inf}" : "";
        return $"{name}: {t.DataType.MilName()}[{string.Join(", ", t.Shape)}] {range}{bad}";
    }
}
