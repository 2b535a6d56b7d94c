using System.Globalization;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Shapes and constant values a user gives for model inputs (the CLI's <c>--input NAME:1x3x224x224</c> and
/// <c>--input-value NAME=16000</c>). Shapes fix symbolic dims, at conversion and for generated inputs; a value turns
/// a scalar input into a constant at conversion (so an <c>If</c> on it folds) and feeds it wherever the model runs.
/// </summary>
public sealed record InputOverrides
{
    /// <summary>Fixed shapes by input name.</summary>
    public IReadOnlyDictionary<string, long[]> Shapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>Constant scalar values by input name.</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();

    /// <summary>Value ranges by input name (<c>--input-range NAME:LOW,HIGH</c>): where generated values lie, and the
    /// intervals a static bound starts from.</summary>
    public IReadOnlyDictionary<string, InputRange> Ranges { get; init; } = new Dictionary<string, InputRange>();

    /// <summary>Distributions of generated values by input name (<c>--input-dist NAME:uniform|normal</c>).</summary>
    public IReadOnlyDictionary<string, InputDistribution> Distributions { get; init; } = new Dictionary<string, InputDistribution>();

    /// <summary>True when nothing is given.</summary>
    public bool IsEmpty => Shapes.Count == 0 && Values.Count == 0 && Ranges.Count == 0 && Distributions.Count == 0;

    /// <summary>Parses <c>NAME:1x3x224x224</c> (the name may itself hold colons: the text splits at the last one).</summary>
    public static (string Name, long[] Shape) ParseShape(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw Usage($"--input '{text}' must be NAME:SHAPE, e.g. x:1x3x224x224");
        }
        var dims = text[(colon + 1)..].Split('x', ',');
        var shape = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) || shape[i] < 1)
            {
                throw Usage($"--input '{text}': '{dims[i]}' is not a dim size (a whole number ≥ 1)");
            }
        }
        return (text[..colon], shape);
    }

    /// <summary>Parses <c>NAME=VALUE</c> (the name may hold '=': the text splits at the last one).</summary>
    public static (string Name, double Value) ParseValue(string text)
    {
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Usage($"--input-value '{text}' must be NAME=NUMBER, e.g. sr=16000");
        }
        return (text[..eq], value);
    }

    /// <summary>Parses <c>NAME:LOW,HIGH</c> (the name may hold colons: the text splits at the last one).</summary>
    public static (string Name, InputRange Range) ParseRange(string text)
    {
        var colon = text.LastIndexOf(':');
        var bounds = colon <= 0 ? [] : text[(colon + 1)..].Split(',');
        if (bounds.Length != 2
            || !double.TryParse(bounds[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            || !double.TryParse(bounds[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw Usage($"--input-range '{text}' must be NAME:LOW,HIGH with finite numbers, e.g. image:0,255");
        }
        if (low > high)
        {
            throw Usage($"--input-range '{text}': LOW {low.ToString(CultureInfo.InvariantCulture)} is above HIGH {high.ToString(CultureInfo.InvariantCulture)}");
        }
        return (text[..colon], new InputRange(low, high));
    }

    /// <summary>Parses <c>NAME:uniform</c> or <c>NAME:normal</c> (the name may hold colons: the text splits at the last one).</summary>
    public static (string Name, InputDistribution Distribution) ParseDistribution(string text)
    {
        var colon = text.LastIndexOf(':');
        var kind = colon <= 0 ? "" : text[(colon + 1)..];
        return kind switch
        {
            "uniform" => (text[..colon], InputDistribution.Uniform),
            "normal" => (text[..colon], InputDistribution.Normal),
            _ => throw Usage($"--input-dist '{text}' must be NAME:uniform or NAME:normal, e.g. image:normal"),
        };
    }

    /// <summary>Builds the overrides from the option texts; an input named twice is a usage error.</summary>
    public static InputOverrides Parse(IEnumerable<string>? shapes, IEnumerable<string>? values, IEnumerable<string>? ranges = null,
        IEnumerable<string>? distributions = null)
    {
        var shapeMap = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (name, shape) in (shapes ?? []).Select(ParseShape))
        {
            if (!shapeMap.TryAdd(name, shape))
            {
                throw Usage($"--input names '{name}' twice");
            }
        }
        var valueMap = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in (values ?? []).Select(ParseValue))
        {
            if (!valueMap.TryAdd(name, value))
            {
                throw Usage($"--input-value names '{name}' twice");
            }
        }
        var rangeMap = new Dictionary<string, InputRange>(StringComparer.Ordinal);
        foreach (var (name, range) in (ranges ?? []).Select(ParseRange))
        {
            if (!rangeMap.TryAdd(name, range))
            {
                throw Usage($"--input-range names '{name}' twice");
            }
        }
        var distributionMap = new Dictionary<string, InputDistribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in (distributions ?? []).Select(ParseDistribution))
        {
            if (!distributionMap.TryAdd(name, distribution))
            {
                throw Usage($"--input-dist names '{name}' twice");
            }
        }
        return new InputOverrides { Shapes = shapeMap, Values = valueMap, Ranges = rangeMap, Distributions = distributionMap };
    }

    /// <summary>
    /// Checks every named input against the model's inputs: it exists, a shape has its rank and fixed dims, a value's
    /// input holds one element. Raises ONNX1011 naming the input and the model's inputs.
    /// </summary>
    public void Validate(IReadOnlyList<TensorSignature> signatures, string model)
    {
        foreach (var name in Shapes.Keys.Concat(Values.Keys).Concat(Ranges.Keys).Concat(Distributions.Keys))
        {
            if (signatures.All(s => s.Name != name))
            {
                throw Bad($"{model}: '{name}' is not an input of the model; its inputs are {string.Join(", ", signatures.Select(s => $"'{s.Name}' {s.DataType.MilName()}{s.Shape}"))}");
            }
        }
        foreach (var s in signatures)
        {
            if (Shapes.TryGetValue(s.Name, out var shape))
            {
                if (shape.Length != s.Shape.Rank)
                {
                    throw Bad($"{model}: the shape {string.Join("x", shape)} given for input '{s.Name}' has rank {shape.Length}; it is declared {s.Shape} (rank {s.Shape.Rank})");
                }
                if (s.Shape.Dims.Where((d, i) => d.IsKnown && d.Size != shape[i]).Any())
                {
                    throw Bad($"{model}: the shape {string.Join("x", shape)} given for input '{s.Name}' does not fit its declared {s.Shape}");
                }
            }
            if (Values.ContainsKey(s.Name) && s.Shape.Dims.Any(d => d.IsKnown && d.Size != 1))
            {
                throw Bad($"{model}: --input-value gives '{s.Name}' one value, but it is {s.DataType.MilName()}{s.Shape}; only single-element inputs take a value");
            }
        }
    }

    /// <summary>The signatures with given shapes in place of the declared ones.</summary>
    public IReadOnlyList<TensorSignature> Apply(IReadOnlyList<TensorSignature> signatures) =>
        [.. signatures.Select(s => Shapes.TryGetValue(s.Name, out var shape) ? s with { Shape = new Shape(shape.Select(Dim.Of)) } : s)];

    /// <summary>The constant inputs, each a one-element tensor of its input's type and rank.</summary>
    public Dictionary<string, Tensor> Constants(IReadOnlyList<TensorSignature> signatures)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var s in signatures.Where(s => Values.ContainsKey(s.Name)))
        {
            var type = s.DataType == DataType.String ? DataType.Float32 : s.DataType;
            result[s.Name] = Tensor.FromDoubles([Values[s.Name]], [.. Enumerable.Repeat(1, s.Shape.Rank)], type);
        }
        return result;
    }

    /// <summary>Puts the constant values into a set of inputs (replacing generated or loaded ones).</summary>
    public void Fill(IDictionary<string, Tensor> inputs, IReadOnlyList<TensorSignature> signatures)
    {
        foreach (var (name, tensor) in Constants(signatures))
        {
            inputs[name] = tensor;
        }
    }

    /// <summary>One line describing the overrides, or null when there are none.</summary>
    public string? Describe() => IsEmpty ? null : string.Join(", ",
        Shapes.Select(kv => $"{kv.Key}:{string.Join("x", kv.Value)}")
            .Concat(Values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")))
            .Concat(Ranges.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} in [{kv.Value.Low}, {kv.Value.High}]")))
            .Concat(Distributions.Select(kv => $"{kv.Key} {kv.Value.ToString().ToLowerInvariant()}")));

    private static DiagnosticException Usage(string message) => new(DiagnosticCodes.CliUsage, message + ".");

    private static DiagnosticException Bad(string message) => new(DiagnosticCodes.OnnxBadInputSpec, message + ".");
}
