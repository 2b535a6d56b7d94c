using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MilForge.Runtime.Kernels.Linear;

/// <summary>
/// Single-precision matrix products for the fast kernels: vectorized and threaded. Each element is
/// bias + Σ_p a·b summed in binary32 in order of p (fused multiply-adds where the hardware has them), so results
/// may differ from the double-precision reference by a few ulps; tests bound that difference. NaN and infinity
/// propagate as in the reference.
/// </summary>
internal static class Gemm
{
    /// <summary>Rows of A per register tile.</summary>
    private const int TileRows = 4;

    /// <summary>Columns of B per register tile: two 256-bit vectors.</summary>
    private const int TileColumns = 16;

    /// <summary>Columns per parallel work item: a band of B that stays in cache while every row block reads it.</summary>
    private const int BandColumns = 256;

    /// <summary>
    /// C[cOffset + m·n + j] = rowBias[m] + Σ_p A[aOffset + m·lda + p]·B[bOffset + p·n + j] for M rows, inner size K, N columns.
    /// </summary>
    public static void Multiply(float[] a, int aOffset, int lda, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n, float[]? rowBias = null, int biasOffset = 0)
    {
        if (!Vector256.IsHardwareAccelerated || n < TileColumns)
        {
            MultiplyByRows(a, aOffset, lda, b, bOffset, c, cOffset, m, k, n, rowBias, biasOffset);
            return;
        }
        var bands = (n + BandColumns - 1) / BandColumns;
        var rowBlocks = (m + TileRows - 1) / TileRows;
        // Work items are (row block, column band) pairs so that a product with few rows still spreads over threads.
        void Item(int item)
        {
            var (rowBlock, band) = (item / bands, item % bands);
            var row = rowBlock * TileRows;
            var start = band * BandColumns;
            Block(a, aOffset + (row * lda), lda, b, bOffset + start, n, c, cOffset + (row * n) + start, n,
                Math.Min(TileRows, m - row), k, Math.Min(BandColumns, n - start), rowBias, biasOffset + row);
        }
        WorkSplitter.For(bands * rowBlocks, (long)m * n * k, Item);
    }

    /// <summary>
    /// The same product on one thread, with explicit leading dimensions: C[cOffset + i·ldc + j] = rowBias[i] +
    /// Σ_p A[aOffset + i·lda + p]·B[bOffset + p·ldb + j] for i &lt; M, j &lt; N. For callers that parallelise themselves.
    /// </summary>
    public static void MultiplySerial(float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, int m, int k, int n, float[]? rowBias = null, int biasOffset = 0)
    {
        for (var row = 0; row < m; row += TileRows)
        {
            Block(a, aOffset + (row * lda), lda, b, bOffset, ldb, c, cOffset + (row * ldc), ldc, Math.Min(TileRows, m - row), k, n, rowBias, biasOffset + row);
        }
    }

    /// <summary>Up to four rows by any number of columns: register tiles, then the leftover columns one by one.</summary>
    private static void Block(float[] a, int aRow, int lda, float[] b, int bColumn, int ldb, float[] c, int cIndex, int ldc, int rows, int k, int columns, float[]? bias, int biasIndex)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + TileColumns <= columns; j += TileColumns)
            {
                if (rows == TileRows)
                {
                    Tile4x16(a, aRow, lda, b, bColumn + j, ldb, c, cIndex + j, ldc, k, bias, biasIndex);
                    continue;
                }
                for (var r = 0; r < rows; r++)
                {
                    Tile1x16(a, aRow + (r * lda), b, bColumn + j, ldb, c, cIndex + (r * ldc) + j, k, bias?[biasIndex + r] ?? 0);
                }
            }
        }
        for (var r = 0; r < rows; r++)
        {
            ScalarColumns(a, aRow + (r * lda), b, bColumn, ldb, c, cIndex + (r * ldc), k, j, columns, bias?[biasIndex + r] ?? 0);
        }
    }

    /// <summary>Four rows by sixteen columns, kept in eight vector registers across the whole inner dimension.</summary>
    private static void Tile4x16(float[] a, int aRow, int lda, float[] b, int bColumn, int ldb, float[] c, int cIndex, int ldc, int k, float[]? bias, int biasIndex)
    {
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(a);
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(b);
        var (v0, v1, v2, v3) = bias is null ? (0f, 0f, 0f, 0f) : (bias[biasIndex], bias[biasIndex + 1], bias[biasIndex + 2], bias[biasIndex + 3]);
        Vector256<float> c00 = Vector256.Create(v0), c01 = c00;
        Vector256<float> c10 = Vector256.Create(v1), c11 = c10;
        Vector256<float> c20 = Vector256.Create(v2), c21 = c20;
        Vector256<float> c30 = Vector256.Create(v3), c31 = c30;
        var bIndex = (nuint)bColumn;
        for (var p = 0; p < k; p++, bIndex += (nuint)ldb)
        {
            var b0 = Vector256.LoadUnsafe(ref bRef, bIndex);
            var b1 = Vector256.LoadUnsafe(ref bRef, bIndex + 8);
            var ap = (nuint)(aRow + p);
            var a0 = Vector256.Create(Unsafe.Add(ref aRef, ap));
            var a1 = Vector256.Create(Unsafe.Add(ref aRef, ap + (nuint)lda));
            var a2 = Vector256.Create(Unsafe.Add(ref aRef, ap + (nuint)(2 * lda)));
            var a3 = Vector256.Create(Unsafe.Add(ref aRef, ap + (nuint)(3 * lda)));
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }
        var dest = c.AsSpan(cIndex, (3 * ldc) + TileColumns);
        c00.CopyTo(dest);
        c01.CopyTo(dest[8..]);
        c10.CopyTo(dest[ldc..]);
        c11.CopyTo(dest[(ldc + 8)..]);
        c20.CopyTo(dest[(2 * ldc)..]);
        c21.CopyTo(dest[((2 * ldc) + 8)..]);
        c30.CopyTo(dest[(3 * ldc)..]);
        c31.CopyTo(dest[((3 * ldc) + 8)..]);
    }

    /// <summary>One row by sixteen columns (the rows left over below the last four-row block).</summary>
    private static void Tile1x16(float[] a, int aRow, float[] b, int bColumn, int ldb, float[] c, int cIndex, int k, float bias)
    {
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(b);
        Vector256<float> c0 = Vector256.Create(bias), c1 = c0;
        var bIndex = (nuint)bColumn;
        for (var p = 0; p < k; p++, bIndex += (nuint)ldb)
        {
            var ap = Vector256.Create(a[aRow + p]);
            c0 = Vector256.FusedMultiplyAdd(ap, Vector256.LoadUnsafe(ref bRef, bIndex), c0);
            c1 = Vector256.FusedMultiplyAdd(ap, Vector256.LoadUnsafe(ref bRef, bIndex + 8), c1);
        }
        var dest = c.AsSpan(cIndex, TileColumns);
        c0.CopyTo(dest);
        c1.CopyTo(dest[8..]);
    }

    /// <summary>Columns <paramref name="from"/>..<paramref name="to"/> of one row, one element at a time, in the tiles' order of summation.</summary>
    private static void ScalarColumns(float[] a, int aRow, float[] b, int bColumn, int ldb, float[] c, int cRow, int k, int from, int to, float bias)
    {
        for (var j = from; j < to; j++)
        {
            var sum = bias;
            for (var p = 0; p < k; p++)
            {
                sum = MathF.FusedMultiplyAdd(a[aRow + p], b[bColumn + (p * ldb) + j], sum);
            }
            c[cRow + j] = sum;
        }
    }

    /// <summary>The same product as rank-one updates of whole rows (narrow B, or hardware without 256-bit vectors).</summary>
    private static void MultiplyByRows(float[] a, int aOffset, int lda, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n, float[]? rowBias, int biasOffset)
    {
        void Row(int row)
        {
            var dest = c.AsSpan(cOffset + (row * n), n);
            dest.Fill(rowBias?[biasOffset + row] ?? 0);
            var aRow = aOffset + (row * lda);
            for (var p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.AsSpan(bOffset + (p * n), n), a[aRow + p], dest, dest);
            }
        }
        WorkSplitter.For(m, (long)m * n * k, Row);
    }
}
