using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Trilu (upper keeps j − i ≥ k, lower keeps j − i ≤ k; k a constant, default 0) on the last two dims. When the band
/// reaches the main diagonal (upper with k ≤ 0, lower with k ≥ 0) and the type allows it, one MIL <c>band_part</c>
/// (any dims symbolic); otherwise a constant bool mask of the last two (static) dims selects x or zero, broadcasting
/// over the batch dims. Any k works, also beyond the matrix (everything or nothing is kept).
/// </summary>
[OnnxOp("Trilu", 14)]
internal sealed class Trilu : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.Shape.Rank < 2)
        {
            throw context.Unsupported($"the input must have rank 2 or more, got {x.Shape}");
        }
        long k = 0;
        if (context.HasInput(1))
        {
            var kTensor = context.RequireConstant(1, "k");
            if (kTensor.Length != 1)
            {
                throw context.Unsupported("k must be a scalar");
            }
            k = kTensor.GetLong(0);
        }
        var upper = context.Attributes.Int("upper", 1) != 0;
        if ((upper ? k <= 0 : k >= 0) && x.DataType is DataType.Float16 or DataType.Float32 or DataType.Int32 or DataType.Bool)
        {
            // band_part keeps i − j ≤ lower and j − i ≤ upper; a negative bound keeps that whole triangle.
            var bound = (int)Math.Min(upper ? -Math.Max(k, -int.MaxValue) : k, int.MaxValue);
            context.SetOutput(0, context.Op("band_part", new() { { "x", x }, { "lower", upper ? bound : -1 }, { "upper", upper ? -1 : bound } }));
            return;
        }
        var dims = x.Shape.Dims;
        var (rows, cols) = (dims[^2], dims[^1]);
        if (!rows.IsKnown || !cols.IsKnown)
        {
            throw context.Unsupported($"Trilu needs static sizes of the last two dims of '{x.Name}', which is {x.Shape} (for this k)");
        }
        var (n, m) = ((int)rows.Size, (int)cols.Size);
        var mask = new bool[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                long diagonal = j - i;
                mask[(i * m) + j] = upper ? diagonal >= k : diagonal <= k;
            }
        }
        var cond = context.Const(Tensor.Create(mask, [n, m]), "mask");
        var zero = x.DataType == DataType.Bool ? context.Const(Tensor.Scalar(false), "zero") : context.Scalar(0, x, "zero");
        context.SetOutput(0, context.Op("select", new() { { "cond", cond }, { "a", x }, { "b", zero } }));
    }
}
