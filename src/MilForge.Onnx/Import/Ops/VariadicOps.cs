namespace MilForge.Onnx.Import.Ops;

/// <summary>Max, Min, Sum and Mean over any number of inputs, as a chain of binary MIL ops (Mean divides at the end).</summary>
[OnnxOp("Max", 6, 8, 12, 13)]
[OnnxOp("Min", 6, 8, 12, 13)]
[OnnxOp("Sum", 6, 8, 13)]
[OnnxOp("Mean", 6, 8, 13)]
internal sealed class VariadicOps : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var op = context.OpType switch { "Max" => "maximum", "Min" => "minimum", _ => "add" };
        var inputs = Enumerable.Range(0, context.InputCount).Where(context.HasInput).Select(context.Input).ToList();
        if (inputs.Count == 0)
        {
            throw context.Unsupported("needs at least one input");
        }
        var result = inputs[0];
        var last = context.OpType == "Mean" ? inputs.Count : inputs.Count - 1;
        for (var i = 1; i < inputs.Count; i++)
        {
            var name = i == last ? context.OutputName() : $"{context.OutputName()}_{i}";
            result = context.Op(op, new() { { "x", result }, { "y", inputs[i] } }, name);
        }
        if (context.OpType == "Mean")
        {
            result = context.Op("real_div", new() { { "x", result }, { "y", context.Scalar(inputs.Count, result, "count") } });
        }
        else if (inputs.Count == 1)
        {
            result = context.Op("identity", new() { { "x", result } });
        }
        context.SetOutput(0, result);
    }
}
