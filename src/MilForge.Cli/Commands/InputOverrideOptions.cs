using System.CommandLine;
using MilForge.Numerics;
using MilForge.Precision;
using MilForge.Precision.Inputs;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>--input NAME:SHAPE</c>, <c>--input-value NAME=VALUE</c>, <c>--input-range NAME:LOW,HIGH</c> and
/// <c>--input-dist NAME:uniform|normal</c>, shared by convert, run, compare and debug-precision.
/// </summary>
internal sealed class InputOverrideOptions
{
    public Option<string[]> Shapes { get; } = new("--input")
    {
        Description = "Fix the shape of an input with symbolic dims, NAME:1x3x224x224 (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Values { get; } = new("--input-value")
    {
        Description = "Give a single-element input a constant value, NAME=16000 (repeatable): it becomes a constant at conversion (an If on it folds) and is fed wherever the model runs.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Ranges { get; } = new("--input-range")
    {
        Description = "The values an input takes, NAME:LOW,HIGH (repeatable), e.g. image:0,255: generated inputs lie in it.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Distributions { get; } = new("--input-dist")
    {
        Description = "How generated values of an input spread, NAME:uniform|normal (repeatable). normal: with --input-range LOW,HIGH, mean (LOW+HIGH)/2 and std (HIGH-LOW)/6 clipped to the range; else N(0,1). Integers are rounded.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Add(Shapes);
        command.Add(Values);
        command.Add(Ranges);
        command.Add(Distributions);
    }

    public InputOverrides Parse(ParseResult parse) =>
        InputOverrides.Parse(parse.GetValue(Shapes), parse.GetValue(Values), parse.GetValue(Ranges), parse.GetValue(Distributions));

    /// <summary>The conversion options with the overrides checked against the ONNX model's inputs and applied.</summary>
    public static ConversionOptions Apply(ConversionOptions options, InputOverrides overrides, IReadOnlyList<TensorSignature> onnxInputs, string model)
    {
        if (overrides.IsEmpty)
        {
            return options;
        }
        overrides.Validate(onnxInputs, model);
        var known = new Dictionary<string, Tensor>(options.KnownInputs ?? new Dictionary<string, Tensor>(), StringComparer.Ordinal);
        foreach (var (name, value) in overrides.Constants(onnxInputs))
        {
            known[name] = value;
        }
        return options with { InputShapes = overrides.Shapes, KnownInputs = known };
    }
}
