using System.Globalization;
using System.Text;
using MilForge.Numerics;

namespace MilForge.Mil.Text;

/// <summary>
/// Prints a MIL program as text for diagnostics, <c>inspect --mil</c> and golden tests. Each op is one line:
/// <c>%out: fp32[1, 10] = softmax(x=%in, axis=-1)  # Softmax '/Softmax'</c>. Small constants are printed inline
/// where they are used (as coremltools does) unless <see cref="ShowConstOps"/> is set; large ones print as a
/// count and a content hash so goldens stay short and still change when a weight does.
/// </summary>
public sealed class MilPrinter
{
    /// <summary>Constants with at most this many elements are printed in full.</summary>
    public int InlineLimit { get; init; } = 16;

    /// <summary>Print every const op on its own line instead of inlining small ones.</summary>
    public bool ShowConstOps { get; init; }

    /// <summary>Append the source node of each op as a comment.</summary>
    public bool ShowOrigins { get; init; } = true;

    /// <summary>Prints a whole program.</summary>
    public string Print(MilProgram program)
    {
        var sb = new StringBuilder();
        foreach (var function in program.Functions.Values)
        {
            Print(function, sb);
        }
        return sb.ToString();
    }

    /// <summary>Prints one function.</summary>
    public string Print(Function function)
    {
        var sb = new StringBuilder();
        Print(function, sb);
        return sb.ToString();
    }

    private void Print(Function function, StringBuilder sb)
    {
        var inputs = string.Join(", ", function.Inputs.Select(v => $"%{v.Name}: {v.Type}"));
        sb.Append("func ").Append(function.Name).Append('<').Append(function.Target).Append(">(").Append(inputs).AppendLine(") {");
        PrintBlockBody(function.Body, sb, "  ");
        sb.Append("} -> (").Append(string.Join(", ", function.Body.Outputs.Select(v => "%" + v.Name))).AppendLine(")");
    }

    private void PrintBlockBody(Block block, StringBuilder sb, string indent)
    {
        foreach (var op in block.Operations)
        {
            if (op.IsConst && !ShowConstOps && IsInlined(op.Output))
            {
                continue;
            }
            sb.Append(indent);
            sb.Append(string.Join(", ", op.Outputs.Select(o => $"%{o.Name}: {o.Type}")));
            sb.Append(" = ").Append(op.Type).Append('(');
            if (op.IsConst)
            {
                sb.Append("val=").Append(FormatTensor(op.Attributes["val"]));
            }
            else
            {
                sb.Append(string.Join(", ", op.Inputs.Select(kv => $"{kv.Key}={FormatArgument(kv.Value)}")));
            }
            sb.Append(')');
            if (op.Name != op.Outputs.FirstOrDefault()?.Name)
            {
                sb.Append("[name=\"").Append(op.Name).Append("\"]");
            }
            if (ShowOrigins && !op.Origin.IsNone)
            {
                sb.Append("  # ").Append(op.Origin.OpType).Append(" '").Append(op.Origin.NodeName).Append('\'');
            }
            sb.AppendLine();
            for (var i = 0; i < op.Blocks.Count; i++)
            {
                var inner = op.Blocks[i];
                sb.Append(indent).Append("  block").Append(i).Append('(')
                    .Append(string.Join(", ", inner.Inputs.Select(v => $"%{v.Name}: {v.Type}"))).AppendLine(") {");
                PrintBlockBody(inner, sb, indent + "    ");
                sb.Append(indent).Append("  } -> (").Append(string.Join(", ", inner.Outputs.Select(v => "%" + v.Name))).AppendLine(")");
            }
        }
    }

    private bool IsInlined(Value value) =>
        value.ConstantValue is { } t && t.Length <= InlineLimit && value.Consumers.Count > 0 && !IsBlockOutput(value);

    private static bool IsBlockOutput(Value value) =>
        value.Producer?.Parent?.Function.AllBlocks().Any(b => b.Outputs.Contains(value)) == true;

    private string FormatArgument(Argument argument)
    {
        var parts = argument.Values.Select(v => !ShowConstOps && IsInlined(v) ? FormatTensor(v.ConstantValue!) : "%" + v.Name);
        return argument.IsTuple ? "(" + string.Join(", ", parts) + ")" : parts.First();
    }

    /// <summary>Formats a tensor value: in full when small, else as count and hash.</summary>
    public string FormatTensor(Tensor t)
    {
        if (t.Length > InlineLimit)
        {
            return $"<{t.DataType.MilName()}[{string.Join(",", t.Shape)}] {t.Length} values, hash {ContentHash(t):x8}>";
        }
        var values = Enumerable.Range(0, t.Length).Select(i => FormatElement(t, i));
        var body = string.Join(", ", values);
        var typed = t.DataType is DataType.Float32 or DataType.Int32 or DataType.Bool or DataType.String ? "" : t.DataType.MilName();
        return t.Rank == 0 ? (typed.Length > 0 ? $"{typed}({body})" : body) : $"{typed}[{body}]";
    }

    private static string FormatElement(Tensor t, int i) => t.DataType switch
    {
        DataType.String => "\"" + t.Storage<string>()[i] + "\"",
        DataType.Bool => t.Storage<bool>()[i] ? "true" : "false",
        DataType.Float32 => t.Storage<float>()[i].ToString("R", CultureInfo.InvariantCulture),
        DataType.Float16 => ((float)t.Storage<Half>()[i]).ToString("R", CultureInfo.InvariantCulture),
        _ when t.DataType.IsFloat() => t.GetDouble(i).ToString("R", CultureInfo.InvariantCulture),
        _ => t.GetLong(i).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>FNV-1a over the tensor's element bytes: stable across runs and platforms.</summary>
    public static uint ContentHash(Tensor t)
    {
        var hash = 2166136261u;
        void Mix(byte b) => hash = (hash ^ b) * 16777619u;
        if (t.Data is string[] strings)
        {
            foreach (var b in strings.SelectMany(Encoding.UTF8.GetBytes))
            {
                Mix(b);
            }
            return hash;
        }
        if (t.Data is bool[] bools)
        {
            foreach (var b in bools)
            {
                Mix(b ? (byte)1 : (byte)0);
            }
            return hash;
        }
        var bytes = TensorBytes.ToArray(t);
        foreach (var b in bytes)
        {
            Mix(b);
        }
        return hash;
    }
}
