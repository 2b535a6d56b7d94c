using System.Numerics.Tensors;

namespace MilForge.Runtime.Kernels.Linear;

/// <summary>
/// Single-precision matrix products for the fast kernels: vectorized (System.Numerics.Tensors) and threaded over
/// rows. Sums accumulate in binary32 in the vector unit's order, so results may differ from the double-precision
/// reference by a few ulps; tests bound that difference. NaN and infinity propagate as in the reference.
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// C[cOffset + m·n + j] = rowBias[m] + Σ_p A[aOffset + m·lda + p]·B[bOffset + p·n + j] for M rows, inner size K, N columns.
    /// </summary>
    public static void Multiply(float[] a, int aOffset, int lda, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n, float[]? rowBias = null, int biasOffset = 0)
    {
        Parallel.For(0, m, row =>
        {
            var dest = c.AsSpan(cOffset + (row * n), n);
            dest.Fill(rowBias?[biasOffset + row] ?? 0);
            var aRow = aOffset + (row * lda);
            for (var p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.AsSpan(bOffset + (p * n), n), a[aRow + p], dest, dest);
            }
        });
    }

    /// <summary>C[i, j] = Σ_k A[i, k]·B[j, k] + bias[j]: rows of A against rows of B (linear's x·Wᵀ), dot-product form.</summary>
    public static void MultiplyTransposed(float[] a, float[] b, float[]? bias, float[] c, int m, int k, int n)
    {
        Parallel.For(0, m, i =>
        {
            var row = a.AsSpan(i * k, k);
            for (var j = 0; j < n; j++)
            {
                c[(i * n) + j] = TensorPrimitives.Dot(row, b.AsSpan(j * k, k)) + (bias?[j] ?? 0);
            }
        });
    }
}
