using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>fill</c>, <c>tile</c>, <c>pad</c> and <c>range_1d</c>.</summary>
internal sealed class FillTileKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["fill", "tile", "pad", "range_1d"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) => context.Op.Type switch
    {
        "fill" => Fill(context),
        "tile" => Tile(context),
        "pad" => Pad(context),
        _ => Range(context),
    };

    private static IReadOnlyList<Tensor> Fill(KernelContext context)
    {
        var shape = context.Input("shape").AsInts();
        if (shape.Any(d => d < 0))
        {
            throw context.Error($"negative size in shape [{string.Join(",", shape)}]");
        }
        var value = context.OptionalInput("value") ?? Tensor.Scalar(0f);
        return [TensorGather.Take(value.CastTo(context.OutputType()), new int[Broadcasting.Product(shape)], shape)];
    }

    private static IReadOnlyList<Tensor> Tile(KernelContext context)
    {
        var x = context.Input("x");
        var reps = context.Input("reps").AsInts();
        if (reps.Length != x.Rank || reps.Any(r => r < 0))
        {
            throw context.Error($"reps [{string.Join(",", reps)}] must have {x.Rank} non-negative entries");
        }
        var shape = x.ShapeArray();
        var outShape = shape.Select((d, i) => d * reps[i]).ToArray();
        var strides = Broadcasting.Strides(shape);
        var map = Map(outShape, (coords) =>
        {
            var flat = 0;
            for (var d = 0; d < coords.Length; d++)
            {
                flat += coords[d] % shape[d] * strides[d];
            }
            return flat;
        });
        return [TensorGather.Take(x, map, outShape)];
    }

    private static IReadOnlyList<Tensor> Pad(KernelContext context)
    {
        var x = context.Input("x");
        var pad = context.Input("pad").AsInts();
        var mode = context.String("mode", "constant");
        var shape = x.ShapeArray();
        var first = x.Rank - (pad.Length / 2);
        var before = new int[x.Rank];
        var outShape = shape.ToArray();
        for (var i = first; i < x.Rank; i++)
        {
            before[i] = pad[2 * (i - first)];
            var after = pad[(2 * (i - first)) + 1];
            outShape[i] = shape[i] + before[i] + after;
            if (mode == "reflect" && (before[i] > 0 || after > 0) && (before[i] >= shape[i] || after >= shape[i]))
            {
                throw context.Error($"reflect padding of dim {i} must be smaller than its size {shape[i]}");
            }
        }
        var strides = Broadcasting.Strides(shape);
        var map = Map(outShape, coords =>
        {
            var flat = 0;
            for (var d = 0; d < coords.Length; d++)
            {
                var c = coords[d] - before[d];
                if (c < 0 || c >= shape[d])
                {
                    if (mode == "constant" || shape[d] == 0)
                    {
                        return -1;
                    }
                    c = mode == "replicate" ? Math.Clamp(c, 0, shape[d] - 1) : Reflect(c, shape[d]);
                }
                flat += c * strides[d];
            }
            return flat;
        });
        return [TensorGather.Take(x, map, outShape, context.OptionalInput("constant_val") ?? Tensor.Scalar(0f))];
    }

    private static int Reflect(int c, int size)
    {
        if (size == 1)
        {
            return 0;
        }
        var period = 2 * (size - 1);
        c = ((c % period) + period) % period;
        return c < size ? c : period - c;
    }

    private static IReadOnlyList<Tensor> Range(KernelContext context)
    {
        var start = context.Input("start").GetDouble(0);
        var end = context.Input("end").GetDouble(0);
        var step = context.Input("step").GetDouble(0);
        if (step == 0)
        {
            throw context.Error("step must not be 0");
        }
        var count = (int)Math.Max(0, Math.Ceiling((end - start) / step));
        var values = Enumerable.Range(0, count).Select(i => start + (i * step)).ToArray();
        return [Tensor.FromDoubles(values, [count], context.OutputType())];
    }

    private static int[] Map(int[] shape, Func<int[], int> source)
    {
        var total = Broadcasting.Product(shape);
        var map = new int[total];
        var coords = new int[shape.Length];
        for (var i = 0; i < total; i++)
        {
            map[i] = source(coords);
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++coords[d] < shape[d])
                {
                    break;
                }
                coords[d] = 0;
            }
        }
        return map;
    }
}
