namespace MilForge.Mil.Ops.Conv;

/// <summary>Output sizes and padding of convolution and pooling windows, shared by type inference and kernels.</summary>
public static class ConvGeometry
{
    /// <summary>
    /// The padding (begin, end) per spatial dim for a pad type: <c>valid</c> (none), <c>custom</c> (given),
    /// <c>same</c> (extra padding at the end) or <c>same_lower</c> (extra at the beginning).
    /// </summary>
    public static (int[] Begin, int[] End) Padding(string padType, int[] input, int[] kernel, int[] strides,
        int[] dilations, int[]? custom)
    {
        var n = input.Length;
        var begin = new int[n];
        var end = new int[n];
        for (var i = 0; i < n; i++)
        {
            switch (padType)
            {
                case "custom":
                    begin[i] = custom![2 * i];
                    end[i] = custom[(2 * i) + 1];
                    break;
                case "same" or "same_lower":
                    var outSize = (input[i] + strides[i] - 1) / strides[i];
                    var effective = ((kernel[i] - 1) * dilations[i]) + 1;
                    var total = Math.Max(0, ((outSize - 1) * strides[i]) + effective - input[i]);
                    var small = total / 2;
                    (begin[i], end[i]) = padType == "same" ? (small, total - small) : (total - small, small);
                    break;
                default:
                    break;
            }
        }
        return (begin, end);
    }

    /// <summary>The output size of one spatial dim; ceil mode as in ONNX/PyTorch pooling (last window must start inside the input or begin padding).</summary>
    public static int OutputSize(int input, int kernel, int stride, int dilation, int padBegin, int padEnd, bool ceilMode)
    {
        var effective = ((kernel - 1) * dilation) + 1;
        var span = input + padBegin + padEnd - effective;
        if (span < 0)
        {
            return 0;
        }
        if (!ceilMode)
        {
            return (span / stride) + 1;
        }
        var size = ((span + stride - 1) / stride) + 1;
        if ((size - 1) * stride >= input + padBegin)
        {
            size--;
        }
        return size;
    }
}
