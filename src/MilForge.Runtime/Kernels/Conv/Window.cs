using MilForge.Mil.Ops.Conv;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// Sliding-window geometry for conv and pooling, with 1–3 spatial dims normalized to three (missing dims have
/// size 1), so kernels need one loop nest.
/// </summary>
internal sealed class Window
{
    public Window(int[] inputSpatial, int[] kernel, int[] strides, int[] dilations, string padType, int[]? pad, bool ceilMode)
    {
        var s = inputSpatial.Length;
        var (begin, end) = ConvGeometry.Padding(padType, inputSpatial, kernel, strides, dilations, pad);
        Input = Expand(inputSpatial);
        Kernel = Expand(kernel);
        Strides = Expand(strides);
        Dilations = Expand(dilations);
        PadBegin = Expand(begin, 0);
        PadEnd = Expand(end, 0);
        var output = new int[s];
        for (var i = 0; i < s; i++)
        {
            output[i] = padType is "same" or "same_lower"
                ? (inputSpatial[i] + strides[i] - 1) / strides[i]
                : ConvGeometry.OutputSize(inputSpatial[i], kernel[i], strides[i], dilations[i], begin[i], end[i], ceilMode);
        }
        OutputSpatial = output;
        Output = Expand(output);
    }

    public int[] Input { get; }

    public int[] Kernel { get; }

    public int[] Strides { get; }

    public int[] Dilations { get; }

    public int[] PadBegin { get; }

    public int[] PadEnd { get; }

    /// <summary>Output sizes of the real spatial dims.</summary>
    public int[] OutputSpatial { get; }

    /// <summary>Output sizes padded to three dims.</summary>
    public int[] Output { get; }

    public int InputSize => Input[0] * Input[1] * Input[2];

    public int OutputSize => Output[0] * Output[1] * Output[2];

    public int KernelSize => Kernel[0] * Kernel[1] * Kernel[2];

    private static int[] Expand(int[] values, int fill = 1)
    {
        var result = new[] { fill, fill, fill };
        Array.Copy(values, 0, result, 3 - values.Length, values.Length);
        return result;
    }
}
