namespace MilForge.Mil.Ops.Quantization;

/// <summary>The shape rules shared by the affine (de)quantization ops for their scale and zero point.</summary>
internal static class QuantizationParameters
{
    /// <summary>A parameter must be a scalar or a vector as long as <paramref name="data"/>'s dimension <paramref name="axis"/>.</summary>
    public static void CheckVector(OpInputs inputs, string name, TensorType data, int axis)
    {
        var param = inputs.Type(name);
        if (param.Rank > 1)
        {
            throw inputs.ShapeError($"{name} must be a scalar or a vector, got {param.Shape}");
        }
        if (param.Rank == 1 && param.Shape[0].IsKnown && data.Shape[axis].IsKnown && param.Shape[0] != data.Shape[axis])
        {
            throw inputs.ShapeError($"{name} has {param.Shape[0]} values but dimension {axis} of the data has {data.Shape[axis]}");
        }
    }

    /// <summary>
    /// The rules of <c>quantize</c>/<c>dequantize</c>: a scalar scale takes no axis and a scalar zero point; a vector
    /// scale needs an axis and a vector zero point of the same length.
    /// </summary>
    public static void CheckScaleAndZeroPoint(OpInputs inputs, TensorType data)
    {
        var scale = inputs.Type("scale");
        var zeroPoint = inputs.TypeOrNull("zero_point");
        switch (scale.Rank)
        {
            case 0:
                if (inputs.Has("axis"))
                {
                    throw inputs.Malformed("axis must not be given with a scalar scale");
                }
                if (zeroPoint is { Rank: not 0 })
                {
                    throw inputs.ShapeError("zero_point must be a scalar when scale is one");
                }
                break;
            case 1:
                if (!inputs.Has("axis"))
                {
                    throw inputs.Malformed("axis is required with a vector scale");
                }
                var axis = inputs.Axis(inputs.Long("axis"), data.Rank);
                CheckVector(inputs, "scale", data, axis);
                if (zeroPoint is not null)
                {
                    if (zeroPoint.Rank != 1)
                    {
                        throw inputs.ShapeError("zero_point must be a vector when scale is one");
                    }
                    CheckVector(inputs, "zero_point", data, axis);
                }
                break;
            default:
                throw inputs.ShapeError($"scale must be a scalar or a vector, got {scale.Shape}");
        }
    }
}
