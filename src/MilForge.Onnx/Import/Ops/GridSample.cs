namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// GridSample (opsets 16, 20, 22) on 4-D inputs → MIL <c>resample</c> with normalized [−1, 1] coordinates: modes
/// bilinear/linear and nearest, padding zeros/border/reflection, align_corners. Bicubic and volumetric (5-D) grids
/// have no MIL form and are rejected.
/// </summary>
[OnnxOp("GridSample", 16, 20, 22)]
internal sealed class GridSample : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var grid = context.Input(1);
        if (x.Shape.Rank != 4 || grid.Shape.Rank != 4)
        {
            throw context.Unsupported($"only 4-D inputs are supported (x {x.Shape}, grid {grid.Shape}); MIL resample is 2-D");
        }
        var a = context.Attributes;
        var mode = a.String("mode", context.Opset >= 20 ? "linear" : "bilinear") switch
        {
            "bilinear" or "linear" => "bilinear",
            "nearest" => "nearest",
            var m => throw context.Unsupported($"mode '{m}' has no MIL resample form (bilinear and nearest only)"),
        };
        var padding = a.String("padding_mode", "zeros") switch
        {
            "zeros" => "constant",
            "border" => "border",
            "reflection" => "reflection",
            var p => throw context.Unsupported($"padding_mode '{p}' is unknown"),
        };
        var coordinates = ConverterHelpers.CastTo(context, grid, x.DataType, "grid");
        context.SetOutput(0, context.Op("resample", new()
        {
            { "x", x }, { "coordinates", coordinates }, { "sampling_mode", mode }, { "padding_mode", padding },
            { "padding_value", Numerics.Tensor.FromDoubles([0], [], x.DataType) }, { "coordinates_mode", "normalized_minus_one_to_one" },
            { "align_corners", a.Int("align_corners", 0) != 0 },
        }));
    }
}
