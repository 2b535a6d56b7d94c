namespace MilForge.Mil.Ops.Conv;

/// <summary>
/// Output sizes and begin padding of <c>conv_transpose</c>, shared by type inference and the kernel. The "full"
/// output of a spatial dim is <c>(D−1)·stride + (K−1)·dilation + 1</c>; output element <c>o</c> is full element
/// <c>o + begin</c>, and elements past the full output (an <c>output_shape</c> larger than it) hold the bias only.
/// </summary>
public static class ConvTransposeGeometry
{
    /// <summary>The pad types <c>conv_transpose</c> accepts.</summary>
    public static readonly string[] PadTypes = ["valid", "same", "custom"];

    /// <summary>The full (unpadded) output size of one spatial dim.</summary>
    public static int FullSize(int input, int kernel, int stride, int dilation) =>
        ((input - 1) * stride) + ((kernel - 1) * dilation) + 1;

    /// <summary>The output size of one spatial dim when no <c>output_shape</c> is given.</summary>
    public static int OutputSize(string padType, int input, int kernel, int stride, int dilation, int padBegin, int padEnd) => padType switch
    {
        "same" => input * stride,
        "custom" => FullSize(input, kernel, stride, dilation) - padBegin - padEnd,
        _ => FullSize(input, kernel, stride, dilation),
    };

    /// <summary>
    /// How many leading full-output elements are dropped: the given begin pad for <c>custom</c>, none for
    /// <c>valid</c>, and for <c>same</c> half of the excess over <paramref name="output"/> (the smaller half, as a
    /// <c>same</c> convolution pads).
    /// </summary>
    public static int Begin(string padType, int input, int kernel, int stride, int dilation, int padBegin, int output) => padType switch
    {
        "custom" => padBegin,
        "same" => Math.Max(0, FullSize(input, kernel, stride, dilation) - output) / 2,
        _ => 0,
    };
}
