namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ScatterND → MIL <c>scatter_nd</c>; ScatterElements and the deprecated Scatter (9) → <c>scatter_along_axis</c>.
/// reduction none/add/mul (16) and max/min (18) map to the modes update/add/mul/max/min. Negative indices are made
/// positive where the target needs it. Core ML wants the indices of ScatterElements to match data off the axis.
/// </summary>
[OnnxOp("ScatterND", 11, 13, 16, 18)]
[OnnxOp("ScatterElements", 11, 13, 16, 18)]
[OnnxOp("Scatter", 9)]
internal sealed class ScatterOps : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var data = context.Input(0);
        var updates = context.Input(2);
        var reduction = context.Attributes.String("reduction", "none");
        var mode = reduction switch
        {
            "none" => "update",
            "add" or "mul" => reduction,
            "max" or "min" when context.Since >= 18 => reduction,
            _ => throw context.Unsupported($"reduction '{reduction}' is not supported at opset {context.Since}"),
        };
        if (context.OpType == "ScatterND")
        {
            var tuples = NdIndices.Normalize(context, data, context.Input(1), 0);
            context.SetOutput(0, context.Op("scatter_nd", new() { { "data", data }, { "indices", tuples }, { "updates", updates }, { "mode", mode } }));
            return;
        }
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), data.Shape.Rank);
        var raw = context.Input(1);
        for (var d = 0; d < data.Shape.Rank && d < raw.Shape.Rank; d++)
        {
            if (d != axis && data.Shape[d].IsKnown && raw.Shape[d].IsKnown && data.Shape[d] != raw.Shape[d])
            {
                throw context.Unsupported($"indices {raw.Shape} must equal data {data.Shape} off axis {axis} for Core ML's scatter_along_axis");
            }
        }
        var indices = GatherIndices.Normalize(context, data, raw, axis);
        context.SetOutput(0, context.Op("scatter_along_axis", new()
        {
            { "data", data }, { "indices", indices }, { "updates", updates }, { "axis", axis }, { "mode", mode },
        }));
    }
}
