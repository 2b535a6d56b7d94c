namespace MilForge.Runtime.Tests.Kernels;

public class MatmulKernelTests
{
    /// <summary>numpy.matmul with optional transposes of the last two dims (vectors are never transposed).</summary>
    private static (int[] Shape, double[] Values) Naive(Tensor x, Tensor y, bool tx, bool ty)
    {
        var xs = x.ShapeArray().ToList();
        var ys = y.ShapeArray().ToList();
        var (xv, yv) = (x.AsDoubles(), y.AsDoubles());
        var (xVec, yVec) = (xs.Count == 1, ys.Count == 1);
        if (xVec)
        {
            (xs, tx) = ([1, xs[0]], false);
        }
        if (yVec)
        {
            (ys, ty) = ([ys[0], 1], false);
        }
        var (m, k) = tx ? (xs[^1], xs[^2]) : (xs[^2], xs[^1]);
        var n = ty ? ys[^2] : ys[^1];
        var rank = Math.Max(xs.Count, ys.Count) - 2;
        var xb = Enumerable.Repeat(1, rank - (xs.Count - 2)).Concat(xs.Take(xs.Count - 2)).ToArray();
        var yb = Enumerable.Repeat(1, rank - (ys.Count - 2)).Concat(ys.Take(ys.Count - 2)).ToArray();
        var batch = xb.Zip(yb, Math.Max).ToArray();
        int[] full = [.. batch, m, n];
        var values = new double[Reference.Count(full)];
        foreach (var idx in Reference.Indices(full))
        {
            var bi = idx[..rank];
            var xi = Reference.Flat(xb, [.. bi.Select((v, d) => xb[d] == 1 ? 0 : v)]);
            var yi = Reference.Flat(yb, [.. bi.Select((v, d) => yb[d] == 1 ? 0 : v)]);
            var (i, j) = (idx[rank], idx[rank + 1]);
            var sum = 0.0;
            for (var p = 0; p < k; p++)
            {
                var a = xv[(xi * m * k) + (tx ? (p * m) + i : (i * k) + p)];
                var b = yv[(yi * k * n) + (ty ? (j * k) + p : (p * n) + j)];
                sum += a * b;
            }
            values[Reference.Flat(full, idx)] = sum;
        }
        var shape = batch.ToList();
        if (!xVec)
        {
            shape.Add(m);
        }
        if (!yVec)
        {
            shape.Add(n);
        }
        return ([.. shape], values);
    }

    public static TheoryData<int[], int[], bool, bool> Cases() => new()
    {
        { [2, 3], [3, 4], false, false },
        { [3, 2], [3, 5], true, false },
        { [2, 3], [5, 3], false, true },
        { [3, 2], [5, 3], true, true },
        { [3], [3, 4], false, false },
        { [2, 3], [3], false, false },
        { [7], [7], false, false },
        { [4, 1, 2, 3], [5, 3, 2], false, false },
        { [5, 2, 3], [3, 3], false, true },
        { [3], [2, 3, 4], false, false },
        { [2, 1, 3, 5], [1, 4, 3, 2], true, false },
        { [2, 0], [0, 3], false, false },
        { [0, 3], [3, 2], false, false },
        { [2, 0, 3], [3, 1], false, false },
        { [1, 13, 17], [17, 11], false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatmulMatchesNumpy(int[] xShape, int[] yShape, bool tx, bool ty)
    {
        var x = TestTensors.Uniform(11, xShape);
        var y = TestTensors.Uniform(12, yShape);
        var (shape, expected) = Naive(x, y, tx, ty);
        var h = new KernelHarness();
        var z = h.Run(h.Builder.Single("matmul", new() { { "x", h.In(x) }, { "y", h.In(y) }, { "transpose_x", tx }, { "transpose_y", ty } }));
        Reference.AssertClose(shape, expected, z);
    }

    [Fact]
    public void IntegerMatmulIsExact()
    {
        var x = Tensor.Create(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var y = Tensor.Create(new[] { 7, 8, 9, 10, 11, 12 }, 3, 2);
        var h = new KernelHarness();
        var z = h.Run(h.Builder.Single("matmul", new() { { "x", h.In(x) }, { "y", h.In(y) } }));
        Assert.Equal(DataType.Int32, z.DataType);
        Assert.Equal([58, 64, 139, 154], z.Storage<int>());
        // Beyond 2^24 a float sum would round; products wrap to int32 like add and mul.
        var big = KernelHarness.Op("matmul", new() { { "x", Tensor.Create(new[] { 16777217, 65536 }, 1, 2) }, { "y", Tensor.Create(new[] { 1, 0, 0, 65536 }, 2, 2) } });
        Assert.Equal([16777217, 0], big.Storage<int>());
    }

    [Theory]
    [InlineData(new[] { 2, 5 }, 3, true)]
    [InlineData(new[] { 5 }, 4, false)]
    [InlineData(new[] { 2, 3, 7 }, 1, true)]
    [InlineData(new[] { 0, 5 }, 3, true)]
    [InlineData(new[] { 3, 0 }, 2, true)]
    [InlineData(new[] { 2, 4 }, 0, false)]
    public void LinearIsXTimesWTransposedPlusBias(int[] xShape, int dout, bool withBias)
    {
        var x = TestTensors.Uniform(13, xShape);
        var din = xShape[^1];
        var w = TestTensors.Uniform(14, [dout, din]);
        var bias = withBias ? TestTensors.Uniform(15, [dout]) : Tensor.Zeros(DataType.Float32, [dout]);
        int[] shape = [.. xShape[..^1], dout];
        var rows = Reference.Count(xShape[..^1]);
        var expected = new double[rows * dout];
        for (var r = 0; r < rows; r++)
        {
            for (var o = 0; o < dout; o++)
            {
                expected[(r * dout) + o] = Enumerable.Range(0, din).Sum(p => (double)x.AsFloats()[(r * din) + p] * w.AsFloats()[(o * din) + p]) + bias.AsFloats()[o];
            }
        }
        var h = new KernelHarness();
        var args = new Mil.Building.OpArgs { { "x", h.In(x) }, { "weight", w } };
        if (withBias)
        {
            args.Add("bias", bias);
        }
        Reference.AssertClose(shape, expected, h.Run(h.Builder.Single("linear", args)));
    }
}
