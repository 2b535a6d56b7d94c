using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Einsum of one or two operands with static shapes, explicit or implicit output, no ellipsis and no repeated label
/// within a term (diagonals). Labels only one operand has and the output lacks are summed first (<c>reduce_sum</c>);
/// a single operand is then transposed. Two operands are contracted by one (batched) <c>matmul</c>: batch labels
/// (both operands and the output) lead, each operand's own labels and the shared summed labels are each flattened
/// into one dim, and the product is reshaped and transposed into the output order. Anything else names the equation.
/// </summary>
[OnnxOp("Einsum", 12)]
internal sealed class Einsum : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var equation = context.Attributes.String("equation", "").Replace(" ", "", StringComparison.Ordinal);
        var arrow = equation.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow < 0 ? equation : equation[..arrow]).Split(',');
        if (terms.Length != context.InputCount || terms.Length is < 1 or > 2)
        {
            throw Refuse(context, equation, $"{terms.Length} operand term(s) for {context.InputCount} input(s); one or two operands are supported");
        }
        if (equation.Contains("...", StringComparison.Ordinal))
        {
            throw Refuse(context, equation, "ellipsis (broadcast dims) is not supported");
        }
        var output = arrow < 0
            ? string.Concat(string.Concat(terms).GroupBy(l => l).Where(g => g.Count() == 1).Select(g => g.Key).Order())
            : equation[(arrow + 2)..];
        var sizes = new Dictionary<char, int>();
        var operands = new List<(Value Value, string Labels)>();
        for (var i = 0; i < terms.Length; i++)
        {
            var input = context.Input(i);
            var labels = terms[i];
            if (!labels.All(char.IsAsciiLetter) || labels.Distinct().Count() != labels.Length)
            {
                throw Refuse(context, equation, $"term '{labels}' must be distinct letters (diagonals are not supported)");
            }
            var shape = ConverterHelpers.StaticShape(context, input, "Einsum");
            if (shape.Length != labels.Length)
            {
                throw Refuse(context, equation, $"term '{labels}' has {labels.Length} labels for input {i} of rank {shape.Length}");
            }
            for (var d = 0; d < shape.Length; d++)
            {
                if (sizes.TryGetValue(labels[d], out var known) && known != shape[d])
                {
                    throw Refuse(context, equation, $"label '{labels[d]}' has sizes {known} and {shape[d]}");
                }
                sizes[labels[d]] = shape[d];
            }
            operands.Add((input, labels));
        }
        if (output.Distinct().Count() != output.Length || output.Any(l => !sizes.ContainsKey(l)))
        {
            throw Refuse(context, equation, $"output '{output}' must be distinct labels of the inputs");
        }
        if (operands.Count == 2 && operands[0].Value.DataType != operands[1].Value.DataType)
        {
            throw Refuse(context, equation, "the operands have different element types");
        }
        var name = context.OutputName();
        var reduced = operands.Select((o, i) => SumOut(context, o, i == 0 ? operands.ElementAtOrDefault(1).Labels ?? "" : operands[0].Labels, output, $"{name}_in{i}")).ToList();
        if (reduced.Count == 1)
        {
            context.SetOutput(0, Permute(context, reduced[0].Value, reduced[0].Labels, output, name, last: true));
            return;
        }
        var (a, b) = (reduced[0], reduced[1]);
        var batch = Labels(output, l => a.Labels.Contains(l) && b.Labels.Contains(l));
        var contract = Labels(a.Labels, l => b.Labels.Contains(l) && !output.Contains(l));
        var aOwn = Labels(a.Labels, l => !b.Labels.Contains(l));
        var bOwn = Labels(b.Labels, l => !a.Labels.Contains(l));
        int Size(string labels) => labels.Aggregate(1, (p, l) => p * sizes[l]);
        int[] Dims(string labels) => [.. labels.Select(l => sizes[l])];
        var (transposeX, xOrder) = a.Labels == batch + contract + aOwn && aOwn.Length + contract.Length > 0
            ? (true, batch + contract + aOwn) : (false, batch + aOwn + contract);
        var (transposeY, yOrder) = b.Labels == batch + bOwn + contract && bOwn.Length + contract.Length > 0
            ? (true, batch + bOwn + contract) : (false, batch + contract + bOwn);
        var xMatrix = transposeX ? [Size(contract), Size(aOwn)] : new[] { Size(aOwn), Size(contract) };
        var yMatrix = transposeY ? [Size(bOwn), Size(contract)] : new[] { Size(contract), Size(bOwn) };
        var x = ConverterHelpers.Reshape(context, Permute(context, a.Value, a.Labels, xOrder, $"{name}_x"), [.. Dims(batch), .. xMatrix], $"{name}_x_matrix");
        var y = ConverterHelpers.Reshape(context, Permute(context, b.Value, b.Labels, yOrder, $"{name}_y"), [.. Dims(batch), .. yMatrix], $"{name}_y_matrix");
        var product = context.Op("matmul", new() { { "x", x }, { "y", y }, { "transpose_x", transposeX }, { "transpose_y", transposeY } }, $"{name}_matmul");
        var natural = batch + aOwn + bOwn;
        var unflat = ConverterHelpers.Reshape(context, product, Dims(natural), natural == output ? name : $"{name}_unflat");
        context.SetOutput(0, Permute(context, unflat, natural, output, name, last: true));
    }

    private static string Labels(string order, Func<char, bool> keep) => string.Concat(order.Where(keep));

    /// <summary>Sums the labels of an operand that neither the other operand nor the output has.</summary>
    private static (Value Value, string Labels) SumOut(OnnxNodeContext context, (Value Value, string Labels) operand, string other, string output, string name)
    {
        var axes = Enumerable.Range(0, operand.Labels.Length).Where(d => !other.Contains(operand.Labels[d]) && !output.Contains(operand.Labels[d])).ToArray();
        if (axes.Length == 0)
        {
            return operand;
        }
        var summed = context.Op("reduce_sum", new() { { "x", operand.Value }, { "axes", axes }, { "keep_dims", false } }, $"{name}_sum");
        return (summed, string.Concat(operand.Labels.Where((_, d) => !axes.Contains(d))));
    }

    private static Value Permute(OnnxNodeContext context, Value x, string from, string to, string name, bool last = false)
    {
        if (from == to)
        {
            var isInput = Enumerable.Range(0, context.InputCount).Any(i => x == context.Input(i));
            return last && isInput ? context.Op("identity", new() { { "x", x } }, name) : x;
        }
        return context.Op("transpose", new() { { "x", x }, { "perm", to.Select(l => from.IndexOf(l, StringComparison.Ordinal)).ToArray() } }, name);
    }

    private static Diagnostics.DiagnosticException Refuse(OnnxNodeContext context, string equation, string why) =>
        context.Unsupported($"equation '{equation}': {why}");
}
