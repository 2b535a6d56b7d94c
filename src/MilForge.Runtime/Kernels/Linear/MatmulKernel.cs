using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Linear;

/// <summary>
/// <c>matmul</c> (batched, broadcasting, optional transposes, rank-1 promotion) and <c>linear</c> (x·Wᵀ + b).
/// Under fp16-accumulate the dot products round every product and partial sum to binary16 in index order; otherwise
/// float inputs go through the vectorized <see cref="Gemm"/> (binary32 sums) and the result is rounded once.
/// </summary>
internal sealed class MatmulKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["matmul", "linear"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) =>
        context.Op.Type == "linear" ? Linear(context) : Matmul(context);

    private static IReadOnlyList<Tensor> Linear(KernelContext context)
    {
        var xt = context.Input("x");
        var w = context.Input("weight");
        var bias = ConstantFloats.OfOptional(context, "bias");
        var x = xt.AsFloats();
        var (dout, din) = (w.Shape[0], w.Shape[1]);
        var rows = Broadcasting.Product(xt.Shape.AsSpan()[..(xt.Rank - 1)]);
        var shape = xt.ShapeArray();
        shape[^1] = dout;
        if (!context.RoundPartialSums)
        {
            // x·Wᵀ as a plain product with Wᵀ, transposed once per weight array (consts keep theirs across runs).
            var fast = new float[rows * dout];
            Gemm.Multiply(x, 0, din, TransposedWeights.Get(w), 0, fast, 0, rows, din, dout);
            if (bias is not null)
            {
                for (var r = 0; r < rows; r++)
                {
                    var row = fast.AsSpan(r * dout, dout);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, bias, row);
                }
            }
            return [context.Output(fast, shape)];
        }
        if (Fp16AccumulateGemm.IsSupported && xt.DataType == DataType.Float16 && w.DataType == DataType.Float16
            && context.OptionalInput("bias") is null or { DataType: DataType.Float16 })
        {
            var halves = new float[rows * dout];
            Fp16AccumulateGemm.Multiply(x, 0, TransposedWeights.Get(w), 0, bias, halves, 0, rows, din, dout);
            return [context.Output(halves, shape)];
        }
        var wf = w.AsFloats();
        var result = new double[rows * dout];
        // Every output element is its own sequential sum: rows run in parallel without changing any result.
        WorkSplitter.For(rows, (long)rows * dout * din, r =>
        {
            for (var o = 0; o < dout; o++)
            {
                result[(r * dout) + o] = Dot(context, x, r * din, 1, wf, o * din, 1, din, bias?[o] ?? 0);
            }
        });
        return [context.Output(result, shape)];
    }

    private static IReadOnlyList<Tensor> Matmul(KernelContext context)
    {
        var xt = context.Input("x");
        var yt = context.Input("y");
        var tx = context.Bool("transpose_x", false);
        var ty = context.Bool("transpose_y", false);
        var xs = xt.ShapeArray().ToList();
        var ys = yt.ShapeArray().ToList();
        var xVector = xs.Count == 1;
        var yVector = ys.Count == 1;
        if (xVector)
        {
            xs.Insert(0, 1);
            tx = false;
        }
        if (yVector)
        {
            ys.Add(1);
            ty = false;
        }
        var (m, k) = tx ? (xs[^1], xs[^2]) : (xs[^2], xs[^1]);
        var (k2, n) = ty ? (ys[^1], ys[^2]) : (ys[^2], ys[^1]);
        if (k != k2)
        {
            throw context.Error($"inner dimensions {k} and {k2} differ");
        }
        var xBatch = xs.Take(xs.Count - 2).ToArray();
        var yBatch = ys.Take(ys.Count - 2).ToArray();
        var batch = Broadcasting.TryBroadcast(xBatch, yBatch) ?? throw context.Error("batch dimensions do not broadcast");
        var xMap = Broadcasting.IndexMap(xBatch, batch);
        var yMap = Broadcasting.IndexMap(yBatch, batch);
        // Integer products are summed in 64 bits and wrap to the output type, as in the binary kernels; floats
        // would lose integers above 2^24.
        var integer = !context.OutputType().IsFloat();
        var (x, y) = integer ? ([], []) : (xt.AsFloats(), yt.AsFloats());
        var (xl, yl) = integer ? (xt.AsLongs(), yt.AsLongs()) : ([], []);
        var count = Broadcasting.Product(batch);
        // Element (i, p) of x is at i*rowStride + p*colStride within its matrix.
        var (xRow, xCol) = tx ? (1, m) : (k, 1);
        var (yRow, yCol) = ty ? (1, k) : (n, 1);
        var shape = batch.ToList();
        if (!xVector)
        {
            shape.Add(m);
        }
        if (!yVector)
        {
            shape.Add(n);
        }
        // Float products: each batch's operands gathered dense, then the fast GEMM, or under fp16-accumulate on fp16
        // operands the vectorised exact kernel.
        var fp16Accumulate = context.RoundPartialSums && Fp16AccumulateGemm.IsSupported && xt.DataType == DataType.Float16 && yt.DataType == DataType.Float16;
        if (!integer && (!context.RoundPartialSums || fp16Accumulate))
        {
            var product = new float[count * m * n];
            var a = new float[m * k];
            var bm = new float[k * n];
            for (var b = 0; b < count; b++)
            {
                Gather(x, xMap[b] * m * k, m, k, xRow, xCol, a);
                Gather(y, yMap[b] * k * n, k, n, yRow, yCol, bm);
                if (fp16Accumulate)
                {
                    Fp16AccumulateGemm.Multiply(a, 0, bm, 0, null, product, b * m * n, m, k, n);
                }
                else
                {
                    Gemm.Multiply(a, 0, k, bm, 0, product, b * m * n, m, k, n);
                }
            }
            return [context.Output(product, [.. shape])];
        }
        var result = new double[integer ? 0 : count * m * n];
        var longs = new long[integer ? count * m * n : 0];
        // Every output element is its own sequential sum: rows of every batch run in parallel without changing any result.
        WorkSplitter.For(count * m, (long)count * m * n * k, item =>
        {
            var (b, i) = (item / m, item % m);
            var xBase = xMap[b] * m * k;
            var yBase = yMap[b] * k * n;
            for (var j = 0; j < n; j++)
            {
                var index = (((b * m) + i) * n) + j;
                if (integer)
                {
                    longs[index] = IntegerDot(xl, xBase + (i * xRow), xCol, yl, yBase + (j * yCol), yRow, k);
                }
                else
                {
                    result[index] = Dot(context, x, xBase + (i * xRow), xCol, y, yBase + (j * yCol), yRow, k, 0);
                }
            }
        });
        return integer ? [Tensor.FromLongs(longs, [.. shape], context.OutputType())] : [context.Output(result, [.. shape])];
    }

    private static long IntegerDot(long[] a, int aStart, int aStride, long[] b, int bStart, int bStride, int length)
    {
        var sum = 0L;
        for (var p = 0; p < length; p++)
        {
            sum = unchecked(sum + (a[aStart + (p * aStride)] * b[bStart + (p * bStride)]));
        }
        return sum;
    }

    /// <summary>Copies a rows×cols matrix whose element (i, j) is at start + i·rowStride + j·colStride into a dense row-major array.</summary>
    private static void Gather(float[] source, int start, int rows, int cols, int rowStride, int colStride, float[] dense)
    {
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                dense[(i * cols) + j] = source[start + (i * rowStride) + (j * colStride)];
            }
        }
    }

    /// <summary>Σ a[aStart + p·aStride]·b[bStart + p·bStride] + initial, accumulated per the policy.</summary>
    internal static double Dot(KernelContext context, float[] a, int aStart, int aStride, float[] b, int bStart, int bStride, int length, double initial)
    {
        if (context.RoundPartialSums)
        {
            var s = 0.0;
            for (var p = 0; p < length; p++)
            {
                s = context.Accumulate(s, (double)(Half)((double)a[aStart + (p * aStride)] * b[bStart + (p * bStride)]));
            }
            return context.Accumulate(s, initial);
        }
        var sum = 0.0;
        for (var p = 0; p < length; p++)
        {
            sum += (double)a[aStart + (p * aStride)] * b[bStart + (p * bStride)];
        }
        return sum + initial;
    }
}
