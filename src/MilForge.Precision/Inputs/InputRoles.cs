using System.Text.RegularExpressions;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>What an input is for, as the program's use of it shows.</summary>
public enum InputRoleKind
{
    /// <summary>Indices into a constant table (an embedding lookup): valid values are [0, limit).</summary>
    Indices,

    /// <summary>A 0/1 mask (by its name or its use): ones keep every position.</summary>
    Mask,
}

/// <summary>An input's detected role and the evidence for it.</summary>
/// <param name="Kind">The role.</param>
/// <param name="IndexLimit">For <see cref="InputRoleKind.Indices"/>: the smallest table size along the gathered axis.</param>
/// <param name="Reason">Why, in words, e.g. "it feeds the embedding table /embeddings/Gather".</param>
public sealed record InputRole(InputRoleKind Kind, long IndexLimit, string Reason);

/// <summary>
/// Finds inputs whose values have a meaning a random tensor would miss, by reading a MIL program (every verb has
/// one): integer inputs that index a constant table through <c>gather</c> (an embedding lookup), and masks — inputs
/// named like one (<c>mask</c>, <c>attention_mask</c>, <c>*_mask</c>) or only used as 0/1 (multiplied, compared,
/// a <c>select</c> condition, or <c>1 − x</c>). Value-preserving ops between the input and its use (cast, reshape,
/// expand_dims, squeeze, transpose, tile, identity, the negative-index wrap add/select) are followed.
/// </summary>
public static partial class InputRoles
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "cast", "reshape", "expand_dims", "squeeze", "transpose", "tile", "identity", "slice_by_index", "slice_by_size",
    };

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal)
    {
        "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    };

    private static readonly HashSet<string> Logical = new(StringComparer.Ordinal) { "logical_and", "logical_or", "logical_xor", "logical_not" };

    /// <summary>The roles of the main function's inputs that have one, by MIL input name.</summary>
    public static IReadOnlyDictionary<string, InputRole> Analyze(MilProgram program)
    {
        var result = new Dictionary<string, InputRole>(StringComparer.Ordinal);
        foreach (var input in program.Main.Inputs.Where(i => i.Type is TensorType))
        {
            if (Analyze(input) is { } role)
            {
                result[input.Name] = role;
            }
        }
        return result;
    }

    /// <summary>True for names that say "mask": ending in it (<c>mask</c>, <c>attention_mask</c>, <c>padding_mask</c>,
    /// <c>attentionMask</c>, <c>input_mask:0</c>) or starting with it before a non-letter (<c>mask_2d</c>); not <c>masked_lm_ids</c>.</summary>
    public static bool IsMaskName(string name) => MaskNameRegex().IsMatch(name);

    private static InputRole? Analyze(Value input)
    {
        var uses = new List<Use>();
        Collect(input, uses, []);
        var integer = input.DataType.IsInteger();
        var tables = uses.Where(u => u.Kind == UseKind.TableIndex).ToList();
        if (integer && tables.Count > 0)
        {
            var smallest = tables.MinBy(u => u.TableSize)!;
            var others = tables.Select(t => t.Op).Distinct().Count() - 1;
            var more = others > 0 ? $" (the smallest of {others + 1} tables it indexes)" : "";
            return new InputRole(InputRoleKind.Indices, smallest.TableSize, $"it feeds the embedding table {Describe(smallest.Op)}{more}");
        }
        if (IsMaskName(input.Name))
        {
            return new InputRole(InputRoleKind.Mask, 0, "its name says it is a mask");
        }
        if (uses.Count == 0 || uses.Any(u => u.Kind is UseKind.Other or UseKind.TableIndex))
        {
            return null;
        }
        // A float input that is only multiplied is ordinary data; a float mask shows itself by 1 − x or a comparison.
        if (!integer && input.DataType != DataType.Bool && uses.All(u => u.Kind == UseKind.Multiplied))
        {
            return null;
        }
        var how = string.Join(", ", uses.Select(u => u.Kind switch
        {
            UseKind.Multiplied => "multiplied",
            UseKind.Compared => "compared",
            UseKind.Condition => "a select condition",
            UseKind.Logical => "a logical operand",
            _ => "taken from 1",
        }).Distinct());
        return new InputRole(InputRoleKind.Mask, 0, $"it is only used as a 0/1 mask ({how}: {Describe(uses[0].Op)})");
    }

    private static void Collect(Value value, List<Use> uses, HashSet<Value> seen)
    {
        if (!seen.Add(value))
        {
            return;
        }
        foreach (var op in value.Consumers.Distinct())
        {
            var kind = Classify(op, value, out var tableSize);
            if (kind == UseKind.Follow)
            {
                foreach (var output in op.Outputs.Where(o => o.Type is TensorType))
                {
                    Collect(output, uses, seen);
                }
            }
            else
            {
                uses.Add(new Use(kind, op, tableSize));
            }
        }
    }

    private static UseKind Classify(Operation op, Value value, out long tableSize)
    {
        tableSize = 0;
        if (PassThrough.Contains(op.Type) && op.Input("x") == value)
        {
            return UseKind.Follow;
        }
        switch (op.Type)
        {
            case "gather" when op.Input("indices") == value && TableSize(op) is { } size:
                tableSize = size;
                return UseKind.TableIndex;
            case "select" when op.Input("cond") == value:
                return UseKind.Condition;
            case "select":
                return UseKind.Follow;
            // The negative-index wrap (select(i < 0, i + dim, i)) and other constant offsets keep following the value.
            case "add" when Other(op, value) is { IsConstant: true }:
                return UseKind.Follow;
            case "mul":
                return UseKind.Multiplied;
            case "sub" when op.Input("y") == value && IsOne(op.Input("x")):
                return UseKind.OneMinus;
            case var t when Comparisons.Contains(t) && Other(op, value) is { IsConstant: true }:
                return UseKind.Compared;
            case var t when Logical.Contains(t):
                return UseKind.Logical;
            default:
                return UseKind.Other;
        }
    }

    /// <summary>The size along the gathered axis when x is a constant table (possibly cast), else null.</summary>
    private static long? TableSize(Operation gather)
    {
        var x = gather.Input("x")!;
        while (x.Producer is { Type: "cast" } cast)
        {
            x = cast.Input("x")!;
        }
        if (x.Producer is not { } producer || !(producer.IsConst || producer.Type.StartsWith("constexpr_", StringComparison.Ordinal))
            || x.Type is not TensorType { Shape.IsStatic: true } type)
        {
            return null;
        }
        var axis = gather.Input("axis")?.ConstantValue?.AsLongs()[0] ?? 0;
        axis = axis < 0 ? axis + type.Shape.Rank : axis;
        return axis >= 0 && axis < type.Shape.Rank ? type.Shape[(int)axis].Size : null;
    }

    private static Value? Other(Operation op, Value value) =>
        op.Input("x") == value ? op.Input("y") : op.Input("y") == value ? op.Input("x") : null;

    private static bool IsOne(Value? value) =>
        value?.ConstantValue is { Length: 1 } c && c.AsDoubles()[0] == 1;

    private static string Describe(Operation op) =>
        string.IsNullOrEmpty(op.Origin.NodeName) ? $"{op.Type} '{op.Name}'" : op.Origin.NodeName;

    [GeneratedRegex(@"mask(:\d+)?$|^mask[^a-z]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MaskNameRegex();

    private enum UseKind
    {
        Follow,
        TableIndex,
        Multiplied,
        Compared,
        Condition,
        Logical,
        OneMinus,
        Other,
    }

    private sealed record Use(UseKind Kind, Operation Op, long TableSize);
}
