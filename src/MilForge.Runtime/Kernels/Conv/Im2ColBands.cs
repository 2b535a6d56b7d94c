namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// One band of output positions of one image and group: where its input channels and output channels start, and
/// which output positions it covers.
/// </summary>
internal readonly record struct ConvBand(int Group, int InputOffset, int OutputOffset, int Start, int Width);

/// <summary>
/// im2col by bands of output positions: each band's column matrix (taps × positions) is small enough to stay in cache
/// and to come from a pooled buffer, so no image-sized matrix is ever allocated. Shared by the fast and the
/// fp16-accumulate convolutions.
/// </summary>
internal static class Im2ColBands
{
    /// <summary>Output positions per band.</summary>
    private const int BandColumns = 128;

    /// <summary>Runs <paramref name="body"/> for every band of every image and group, in parallel when the conv is large.</summary>
    public static void ForEach(ConvProblem p, Action<ConvBand> body)
    {
        var w = p.Window;
        var bands = (w.OutputSize + BandColumns - 1) / BandColumns;
        WorkSplitter.For(p.Batch * p.Groups * bands, (long)p.Batch * p.Cout * w.OutputSize * p.CinPerGroup * w.KernelSize, item =>
        {
            var (image, band) = (item / bands, item % bands);
            var (n, g) = (image / p.Groups, image % p.Groups);
            var start = band * BandColumns;
            body(new ConvBand(g, ((n * p.Cin) + (g * p.CinPerGroup)) * w.InputSize, ((n * p.Cout) + (g * p.CoutPerGroup)) * w.OutputSize,
                start, Math.Min(BandColumns, w.OutputSize - start)));
        });
    }

    /// <summary>
    /// cols[row·width + i] = the input under kernel tap row (channel, kernel offset) for output position start + i
    /// (0 where the window hangs over the padding). When <paramref name="inside"/> is given, it marks the taps inside
    /// the input (all bits set) and those in the padding (0).
    /// </summary>
    public static void Fill(ConvProblem p, ConvBand band, float[] cols, uint[]? inside = null)
    {
        var (w, inputOffset, start, width) = (p.Window, band.InputOffset, band.Start, band.Width);
        var (kd, kh, kw) = ConvReference.KernelOffsets(w);
        var (outH, outW) = (w.Output[1], w.Output[2]);
        for (var row = 0; row < p.CinPerGroup * w.KernelSize; row++)
        {
            var (ci, k) = (row / w.KernelSize, row % w.KernelSize);
            var xBase = inputOffset + (ci * w.InputSize);
            var dest = row * width;
            var od = start / (outH * outW);
            var oh = start / outW % outH;
            var ow = start % outW;
            for (var i = 0; i < width; i++)
            {
                var d = (od * w.Strides[0]) - w.PadBegin[0] + kd[k];
                var h = (oh * w.Strides[1]) - w.PadBegin[1] + kh[k];
                var x = (ow * w.Strides[2]) - w.PadBegin[2] + kw[k];
                var valid = (uint)d < (uint)w.Input[0] && (uint)h < (uint)w.Input[1] && (uint)x < (uint)w.Input[2];
                cols[dest + i] = valid ? p.X[xBase + (((d * w.Input[1]) + h) * w.Input[2]) + x] : 0;
                if (inside is not null)
                {
                    inside[dest + i] = valid ? uint.MaxValue : 0;
                }
                if (++ow == outW)
                {
                    ow = 0;
                    if (++oh == outH)
                    {
                        oh = 0;
                        od++;
                    }
                }
            }
        }
    }
}
