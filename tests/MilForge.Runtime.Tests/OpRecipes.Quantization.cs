using MilForge.Mil;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    private static void AddQuantization(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        all["constexpr_affine_dequantize"] = c =>
        {
            var shape = c.Shape(1, 4, zero: false);
            var axis = c.Int(0, shape.Length - 1);
            var type = c.Pick(DataType.Int8, DataType.UInt8);
            return c.One("constexpr_affine_dequantize", new()
            {
                { "quantized_data", Integers(c, shape, type) },
                { "zero_point", c.Coin() ? Integers(c, [shape[axis]], c.Pick(type, DataType.Float32)) : Integers(c, [], type) },
                { "scale", c.Coin() ? Positive(c, shape[axis]) : c.Scalar(0.05) },
                { "axis", Tensor.Scalar(c.Coin() ? axis : axis - shape.Length) },
            });
        };
        all["constexpr_cast"] = c => c.One("constexpr_cast", new()
        {
            { "source_val", c.Weights(c.Shape(1, 3, zero: false)).CastTo(DataType.Float16) },
            { "output_dtype", "fp32" },
        });
        all["constexpr_lut_to_dense"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var bits = c.Pick(1, 2, 4, 6, 8);
            var bytes = ((Reference.Count(shape) * bits) + 7) / 8;
            return c.One("constexpr_lut_to_dense", new()
            {
                { "indices", Tensor.Create(DataType.UInt8, [bytes], RandomBytes(c, bytes)) },
                { "lut", c.Weights(1 << bits) },
                { "shape", Tensor.FromLongs([.. shape.Select(d => (long)d)], [shape.Length], DataType.UInt32) },
            });
        };
        all["constexpr_sparse_to_dense"] = c =>
        {
            var shape = c.Shape(1, 3, zero: false);
            var count = Reference.Count(shape);
            var mask = RandomBytes(c, (count + 7) / 8);
            if (count % 8 != 0)
            {
                mask[^1] &= (byte)((1 << (count % 8)) - 1);
            }
            var set = mask.Sum(b => System.Numerics.BitOperations.PopCount(b));
            return c.One("constexpr_sparse_to_dense", new()
            {
                { "nonzero_data", c.Weights(set) },
                { "mask", Tensor.Create(DataType.UInt8, [mask.Length], mask) },
                { "shape", Tensor.FromLongs([.. shape.Select(d => (long)d)], [shape.Length], DataType.UInt32) },
            });
        };
        all["constexpr_blockwise_shift_scale"] = c =>
        {
            var grid = c.Shape(1, 3, zero: false);
            var shape = grid.Select(g => g * c.Int(1, 3)).ToArray();
            var type = c.Pick(DataType.Int4, DataType.UInt4, DataType.Int8, DataType.UInt8);
            var args = new Mil.Building.OpArgs
            {
                { "data", Integers(c, shape, type) },
                { "scale", Positive(c, grid) },
            };
            if (c.Coin())
            {
                args.Add("offset", Integers(c, grid, type));
            }
            return c.One("constexpr_blockwise_shift_scale", args);
        };
        all["quantize"] = c =>
        {
            // No empty dims: an empty per-axis scale counts as all zeros, which quantize refuses.
            var shape = c.Shape(1, 4, zero: false);
            var type = c.Pick(DataType.Int8, DataType.UInt8);
            var args = new Mil.Building.OpArgs { { "input", c.Data(shape, lo: -20, hi: 20) } };
            AddScaleAndZeroPoint(c, args, shape, type);
            args.Add("output_dtype", type.MilName());
            return c.One("quantize", args);
        };
        all["dequantize"] = c =>
        {
            var shape = c.Shape(1, 4);
            var type = c.Pick(DataType.Int8, DataType.UInt8);
            var args = new Mil.Building.OpArgs { { "input", c.H.In(Integers(c, shape, type)) } };
            AddScaleAndZeroPoint(c, args, shape, type);
            return c.One("dequantize", args);
        };
    }

    /// <summary>A scalar scale (and maybe zero point), or per-axis vectors with an axis.</summary>
    private static void AddScaleAndZeroPoint(RecipeContext c, Mil.Building.OpArgs args, int[] shape, DataType type)
    {
        var perAxis = c.Coin();
        var axis = c.Int(0, shape.Length - 1);
        var length = perAxis ? new[] { shape[axis] } : [];
        if (c.Coin())
        {
            args.Add("zero_point", Integers(c, length, type));
        }
        args.Add("scale", perAxis ? Positive(c, shape[axis]) : c.Scalar(0.25));
        if (perAxis)
        {
            args.Add("axis", Tensor.Scalar(axis));
        }
    }

    /// <summary>Random integers over the range of <paramref name="type"/> (whole numbers for a float type).</summary>
    private static Tensor Integers(RecipeContext c, int[] shape, DataType type)
    {
        var (lo, hi) = type switch
        {
            DataType.Int8 => (-128, 127),
            DataType.UInt8 => (0, 255),
            DataType.Int4 => (-8, 7),
            DataType.UInt4 => (0, 15),
            _ => (-10, 10),
        };
        return Tensor.FromDoubles([.. Enumerable.Range(0, Reference.Count(shape)).Select(_ => (double)c.Int(lo, hi))], shape, type);
    }

    /// <summary>Positive scales of the float type.</summary>
    private static Tensor Positive(RecipeContext c, params int[] shape) =>
        Tensor.FromDoubles([.. Enumerable.Range(0, Reference.Count(shape)).Select(_ => 0.01 + c.R.NextDouble())], shape, c.F);

    private static byte[] RandomBytes(RecipeContext c, int count)
    {
        var bytes = new byte[count];
        c.R.NextBytes(bytes);
        return bytes;
    }
}
