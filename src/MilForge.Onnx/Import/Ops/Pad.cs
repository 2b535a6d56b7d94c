using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Pad: pads as an attribute (opset 2) or a constant input (11+), constant_value, axes (18+). Negative pads crop
/// (<c>slice_by_index</c>) before the rest pads. On fp16/fp32, constant (with a constant value), reflect and edge
/// on the last two dims are MIL <c>pad</c> (constant, reflect, replicate). Everything else (wrap, integer and bool
/// inputs, earlier dims, a run-time constant_value) gathers constant source indices along each padded axis of
/// static size and, for constant mode, selects the value into the padding.
/// </summary>
[OnnxOp("Pad", 2, 11, 13, 18, 19, 21)]
internal sealed class Pad : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var mode = context.Attributes.String("mode", "constant");
        if (mode is not ("constant" or "reflect" or "edge" or "wrap") || (mode == "wrap" && context.Since < 19))
        {
            throw context.Unsupported($"mode '{mode}' is not supported");
        }
        var (before, after) = Pads(context, rank);
        var name = context.OutputName();
        if (before.Any(p => p < 0) || after.Any(p => p < 0))
        {
            x = Crop(context, x, [.. before.Select(p => Math.Max(0, -p))], [.. after.Select(p => Math.Max(0, -p))], $"{name}_crop");
            before = [.. before.Select(p => Math.Max(0, p))];
            after = [.. after.Select(p => Math.Max(0, p))];
        }
        var padded = Enumerable.Range(0, rank).Where(d => before[d] > 0 || after[d] > 0).ToArray();
        if (padded.Length == 0)
        {
            context.SetOutput(0, x == context.Input(0) ? context.Op("identity", new() { { "x", x } }) : x);
            return;
        }
        var first = padded[0];
        foreach (var d in padded.Where(d => mode != "constant"))
        {
            if (!x.Shape[d].IsKnown || x.Shape[d].Size == 0 || (mode == "reflect" && Math.Max(before[d], after[d]) >= x.Shape[d].Size))
            {
                throw context.Unsupported($"{mode} padding of dim {d} by ({before[d]}, {after[d]}) needs a known size greater than the pads, the input is {x.Shape}");
            }
        }
        var value = mode == "constant" ? ConstantValue(context, x) : null;
        var native = x.DataType.IsFloat() && mode != "wrap" && (mode == "constant" ? value!.ConstantValue is not null : first >= rank - 2);
        if (!native)
        {
            context.SetOutput(0, Gathered(context, x, before, after, padded, mode, value));
            return;
        }
        var pad = Enumerable.Range(first, rank - first).SelectMany(d => new[] { before[d], after[d] }).ToArray();
        var args = new Mil.Building.OpArgs
        {
            { "x", x },
            { "pad", pad },
            { "mode", mode == "edge" ? "replicate" : mode },
        };
        if (mode == "constant")
        {
            args.Add("constant_val", value!);
        }
        context.SetOutput(0, context.Op("pad", args));
    }

    /// <summary>(before, after) per dim from the pads attribute or input and the optional axes input.</summary>
    private static (int[] Before, int[] After) Pads(OnnxNodeContext context, int rank)
    {
        var raw = context.Since < 11
            ? context.Attributes.Ints("pads") ?? throw context.Unsupported("the pads attribute is required")
            : context.RequireConstant(1, "pads").AsLongs();
        var axes = context.Since >= 18 && context.HasInput(3)
            ? ConverterHelpers.Axes(context, 3, rank)!
            : [.. Enumerable.Range(0, rank)];
        if (raw.Length != 2 * axes.Length)
        {
            throw context.Unsupported($"pads has {raw.Length} entries, expected {2 * axes.Length}");
        }
        var before = new int[rank];
        var after = new int[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            before[axes[i]] = checked((int)raw[i]);
            after[axes[i]] = checked((int)raw[i + axes.Length]);
        }
        return (before, after);
    }

    /// <summary>The fill value as a scalar of x's type: the attribute (opset 2), the constant_value input (a const or computed at run time) or 0.</summary>
    private static Value ConstantValue(OnnxNodeContext context, Value x)
    {
        if (context.Since < 11 || !context.HasInput(2))
        {
            return context.Scalar(context.Since < 11 ? context.Attributes.Float("value", 0f) : 0, x, "value");
        }
        var value = ConverterHelpers.CastTo(context, context.Input(2), x.DataType, "value_cast");
        if (value.Shape.Rank > 1 || (value.Shape.Rank == 1 && value.Shape[0] is { IsKnown: true, Size: not 1 }))
        {
            throw context.Unsupported($"constant_value must hold one element, its shape is {value.Shape}");
        }
        return value.Shape.Rank == 0 ? value : ConverterHelpers.Reshape(context, value, [], $"{context.OutputName()}_value");
    }

    /// <summary>Removes <paramref name="start"/>/<paramref name="end"/> elements from each end of every dim (static shape).</summary>
    internal static Value Crop(OnnxNodeContext context, Value x, int[] start, int[] end, string name)
    {
        var shape = ConverterHelpers.StaticShape(context, x, "cropping");
        var stop = shape.Select((d, i) => d - end[i]).ToArray();
        if (stop.Where((s, i) => s < start[i]).Any())
        {
            throw context.Unsupported($"cropping ({string.Join(", ", start)}) / ({string.Join(", ", end)}) removes more than the input {x.Shape}");
        }
        return context.Op("slice_by_index", new() { { "x", x }, { "begin", start }, { "end", stop } }, name);
    }

    /// <summary>
    /// Any mode on any element type by index arithmetic: one <c>gather</c> per padded axis with constant source
    /// indices (edge clamps, reflect mirrors, wrap wraps around, constant clamps), then for constant mode a
    /// <c>select</c> of the fill value where a constant mask marks the padding.
    /// </summary>
    private static Value Gathered(OnnxNodeContext context, Value x, int[] before, int[] after, int[] padded, string mode, Value? value)
    {
        var name = context.OutputName();
        var rank = x.Shape.Rank;
        var maskShape = Enumerable.Repeat(1, rank).ToArray();
        var inside = new List<bool[]>();
        var y = x;
        foreach (var d in padded)
        {
            var n = x.Shape[d].IsKnown ? (int)x.Shape[d].Size
                : throw context.Unsupported($"padding dim {d} of {x.Shape} needs its static size");
            if (n == 0)
            {
                throw context.Unsupported($"{mode} padding of the empty dim {d} of {x.Shape}");
            }
            var size = before[d] + n + after[d];
            var indices = new int[size];
            var within = new bool[size];
            for (var o = 0; o < size; o++)
            {
                var c = o - before[d];
                within[o] = c >= 0 && c < n;
                indices[o] = mode switch
                {
                    "wrap" => ((c % n) + n) % n,
                    "reflect" => n == 1 ? 0 : Reflect(c, n),
                    _ => Math.Clamp(c, 0, n - 1),
                };
            }
            y = context.Op("gather", new() { { "x", y }, { "indices", indices }, { "axis", d } }, $"{name}_gather{d}");
            maskShape[d] = size;
            inside.Add(within);
        }
        if (mode != "constant")
        {
            return y;
        }
        var mask = new bool[maskShape.Aggregate(1, (p, v) => p * v)];
        var coords = new int[rank];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = padded.Where((d, k) => !inside[k][coords[d]]).Any();
            for (var d = rank - 1; d >= 0 && ++coords[d] == maskShape[d]; d--)
            {
                coords[d] = 0;
            }
        }
        var cond = context.Const(Tensor.Create(mask, maskShape), "padding");
        return context.Op("select", new() { { "cond", cond }, { "a", value! }, { "b", y } });
    }

    private static int Reflect(int c, int n)
    {
        var period = 2 * (n - 1);
        c = ((c % period) + period) % period;
        return c < n ? c : period - c;
    }
}
