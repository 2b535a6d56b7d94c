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

    /// <summary>The <c>--seed</c> option: the first seed of generated samples.</summary>
    public static System.CommandLine.Option<int> SeedOption() => new("--seed")
    {
        Description = "The seed of the first generated sample (the next ones use seed+1, seed+2, ...); default 0.",
        DefaultValueFactory = _ => RandomInputs.DefaultSeed,
    };

    /// <summary>
    /// Loads the samples of the folders (each a sample folder or a folder of sample folders), or generates
    /// <paramref name="count"/> seeded samples as the overrides and the inputs' roles in <paramref name="program"/>
    /// say (embedding indices, mask ones); prints what each input got and why.
    /// </summary>
    public static InputSet Resolve(IReadOnlyList<string>? folders, IReadOnlyList<TensorSignature> signatures, TextWriter output,
        InputOverrides? overrides = null, Mil.MilProgram? program = null, int count = 1, int seed = RandomInputs.DefaultSeed, TextWriter? error = null)
    {
        overrides ??= new InputOverrides();
        if (overrides.Describe() is { } given)
        {
            output.WriteLine($"  given inputs: {given}");
        }
        var roles = program is null ? null : InputRoles.Analyze(program);
        var set = folders is { Count: > 0 } ? InputSet.Load(folders, signatures, overrides, roles) : InputSet.Generate(signatures, overrides, roles, count, seed);
        Print(set, output);
        InputCasts.Warn(set, signatures, error ?? output);
        return set;
    }

    /// <summary>Prints where the samples come from and, per input, what it got and why.</summary>
    public static void Print(InputSet set, TextWriter output)
    {
        output.WriteLine(set.Choices.Any(c => c.Source == InputSource.Loaded) ? $"Inputs: {set.Origin}:" : $"No --inputs given: using {set.Origin}:");
        foreach (var choice in set.Choices)
        {
            output.WriteLine("  " + choice.Describe());
        }
    }

    /// <summary>The samples as the precision tools take them.</summary>
    public static List<IReadOnlyDictionary<string, Tensor>> Values(InputSet set) =>
        [.. set.Samples.Select(s => (IReadOnlyDictionary<string, Tensor>)s.Values)];

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
