using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// CenterCropPad (constant shape, optional axes): dims larger than the target are cropped around the centre
/// (<c>slice_by_index</c>, the extra element at the end), smaller ones zero-padded around it (<c>pad</c>, the
/// extra element at the end; fp16/fp32 only). Needs the static input shape.
/// </summary>
[OnnxOp("CenterCropPad", 18)]
internal sealed class CenterCropPad : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "CenterCropPad");
        var rank = shape.Length;
        var target = context.RequireConstant(1, "shape").AsLongs();
        var axes = context.Attributes.Ints("axes")?.Select(a => ConverterHelpers.NormalizeAxis(context, a, rank)).ToArray()
            ?? [.. Enumerable.Range(0, rank)];
        if (target.Length != axes.Length || axes.Distinct().Count() != axes.Length)
        {
            throw context.Unsupported($"shape has {target.Length} entries for {axes.Length} axes (which must be distinct)");
        }
        var cropStart = new int[rank];
        var cropEnd = new int[rank];
        var padBefore = new int[rank];
        var padAfter = new int[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            var (a, want) = (axes[i], target[i]);
            if (want < 0)
            {
                throw context.Unsupported($"negative target size {want}");
            }
            var diff = shape[a] - checked((int)want);
            if (diff > 0)
            {
                cropStart[a] = diff / 2;
                cropEnd[a] = diff - (diff / 2);
            }
            else if (diff < 0)
            {
                padBefore[a] = -diff / 2;
                padAfter[a] = -diff - (-diff / 2);
            }
        }
        var name = context.OutputName();
        var needsPad = padBefore.Any(p => p > 0) || padAfter.Any(p => p > 0);
        var y = cropStart.Any(c => c > 0) || cropEnd.Any(c => c > 0)
            ? Pad.Crop(context, x, cropStart, cropEnd, needsPad ? $"{name}_crop" : name)
            : x;
        if (needsPad)
        {
            if (!y.DataType.IsFloat())
            {
                throw context.Unsupported($"Core ML pads fp16/fp32 only, the input is {y.DataType.MilName()}");
            }
            var first = Enumerable.Range(0, rank).First(d => padBefore[d] > 0 || padAfter[d] > 0);
            var pad = Enumerable.Range(first, rank - first).SelectMany(d => new[] { padBefore[d], padAfter[d] }).ToArray();
            y = context.Op("pad", new() { { "x", y }, { "pad", pad }, { "mode", "constant" }, { "constant_val", context.Scalar(0, y, "zero") } });
        }
        context.SetOutput(0, y == x ? context.Op("identity", new() { { "x", x } }) : y);
    }
}
