using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary>Scalar-or-per-axis parameters (scale, zero point) of the affine quantization ops, read per element.</summary>
internal readonly struct PerAxis
{
    private readonly float[] _values;
    private readonly int _inner;
    private readonly int _dim;

    private PerAxis(float[] values, int inner, int dim)
    {
        _values = values;
        _inner = inner;
        _dim = dim;
    }

    /// <summary>
    /// The parameter for data of <paramref name="shape"/>: a scalar (or a one-element vector) applies everywhere, a
    /// vector along <paramref name="axis"/>. An absent parameter is zero.
    /// </summary>
    public static PerAxis Of(Tensor? parameter, int[] shape, int axis)
    {
        if (parameter is null)
        {
            return new PerAxis([0f], 1, 1);
        }
        var values = parameter.AsFloats();
        if (values.Length == 1 || axis < 0)
        {
            return new PerAxis(values, 1, 1);
        }
        var inner = 1;
        for (var d = axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }
        return new PerAxis(values, inner, shape[axis]);
    }

    /// <summary>The value for flat element <paramref name="index"/>.</summary>
    public float this[int index] => _dim == 1 ? _values[0] : _values[index / _inner % _dim];
}
