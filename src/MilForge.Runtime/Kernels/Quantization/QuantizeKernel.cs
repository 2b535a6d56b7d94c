using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary><c>quantize</c>: <c>clip(round_half_even(input / scale) + zero_point)</c> to the int8 or uint8 range.</summary>
internal sealed class QuantizeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["quantize"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("input");
        var shape = input.ShapeArray();
        var axis = context.OptionalInput("axis") is { } a ? (int)Shape.NormalizeAxis(a.GetLong(0), shape.Length) : -1;
        var scale = PerAxis.Of(context.Input("scale"), shape, axis);
        var zeroPoint = PerAxis.Of(context.OptionalInput("zero_point"), shape, axis);
        var (low, high) = context.OutputType() == DataType.Int8 ? (-128f, 127f) : (0f, 255f);
        var values = input.AsFloats();
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Clamp(MathF.Round(values[i] / scale[i], MidpointRounding.ToEven) + zeroPoint[i], low, high);
        }
        return [context.Output(result, shape)];
    }
}
