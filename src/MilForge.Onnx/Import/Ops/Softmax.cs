using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Softmax and LogSoftmax. From opset 13 they act on one axis (default −1). Before 13 the input is seen as a 2-D
/// matrix [prod(dims before axis), prod(dims from axis)] (default axis 1) and normalized along its rows, which we
/// express as reshape → softmax(axis=−1) → reshape. LogSoftmax is x − reduce_log_sum_exp(x) (stable).
/// </summary>
[OnnxOp("Softmax", 1, 11, 13)]
[OnnxOp("LogSoftmax", 1, 11, 13)]
internal sealed class Softmax : IOnnxConverter
{
    public void Convert(OnnxNodeContext context) =>
        ConverterHelpers.ApplyAlongAxisOrRows(context, (x, axis, name) => Normalize(context, x, axis, name));

    private static Value Normalize(OnnxNodeContext context, Value x, int axis, string name)
    {
        if (context.OpType == "Softmax")
        {
            return context.Op("softmax", new() { { "x", x }, { "axis", axis } }, name);
        }
        var lse = context.Op("reduce_log_sum_exp", new() { { "x", x }, { "axes", new[] { axis } }, { "keep_dims", true } }, $"{name}_lse");
        return context.Op("sub", new() { { "x", x }, { "y", lse } }, name);
    }
}
