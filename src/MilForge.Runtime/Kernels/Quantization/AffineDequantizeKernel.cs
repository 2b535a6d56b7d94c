using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary><c>constexpr_affine_dequantize</c> and <c>dequantize</c>: <c>scale * (data - zero_point)</c>, computed in float.</summary>
internal sealed class AffineDequantizeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["constexpr_affine_dequantize", "dequantize"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var constexpr = context.Op.Type == "constexpr_affine_dequantize";
        var data = context.Input(constexpr ? "quantized_data" : "input");
        var shape = data.ShapeArray();
        var axis = context.OptionalInput("axis") is { } a ? (int)Shape.NormalizeAxis(a.GetLong(0), shape.Length) : -1;
        var scale = PerAxis.Of(context.Input("scale"), shape, axis);
        var zeroPoint = PerAxis.Of(context.OptionalInput("zero_point"), shape, axis);
        var values = data.AsFloats();
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = scale[i] * (values[i] - zeroPoint[i]);
        }
        return [context.Output(result, shape)];
    }
}
