using System.Runtime.Intrinsics;

namespace MilForge.Runtime.Kernels.Linear;

/// <summary>
/// fp16-accumulate products, eight output columns at a time: each output is still one sequential sum, every product
/// and every partial sum rounded to binary16 in index order, exactly as the scalar kernel does it in binary64. Float
/// arithmetic is exact here: a product of two binary16 values has at most 22 significant bits, and the float sum of
/// two binary16 values is either exact or so far below half an fp16 ulp of the larger that both round alike.
/// Operands must be binary16 values (the inputs of an fp16 op); callers check that.
/// </summary>
internal static class Fp16AccumulateGemm
{
    /// <summary>True where this path can run (256-bit vectors in hardware).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// C[i, j] = round16(… round16(round16(A[i,0]·B[0,j]) + round16(A[i,1]·B[1,j])) …) then + round16(bias[j] or 0) last,
    /// for A (m × k, row-major), B (k × n, row-major), bias per column or none. Columns beyond the last multiple of 8
    /// run one at a time in the same order.
    /// </summary>
    public static void Multiply(float[] a, int aOffset, float[] b, int bOffset, float[]? columnBias, float[] c, int cOffset, int m, int k, int n)
    {
        WorkSplitter.For(m, (long)m * n * k, i =>
        {
            var aRow = aOffset + (i * k);
            var j = 0;
            for (; j + 8 <= n; j += 8)
            {
                var sum = Vector256<float>.Zero;
                for (var p = 0; p < k; p++)
                {
                    var term = RoundToHalf(Vector256.Create(a[aRow + p]) * Vector256.Create(b.AsSpan(bOffset + (p * n) + j, 8)));
                    sum = RoundToHalf(sum + term);
                }
                // The bias (or 0, which turns a −0 sum into +0 as the scalar kernel's last addition does) comes last.
                var bias = columnBias is null ? Vector256<float>.Zero : Vector256.Create(columnBias.AsSpan(j, 8));
                sum = RoundToHalf(sum + RoundToHalf(bias));
                sum.CopyTo(c.AsSpan(cOffset + (i * n) + j, 8));
            }
            for (; j < n; j++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum = RoundToHalf(sum + RoundToHalf(a[aRow + p] * b[bOffset + (p * n) + j]));
                }
                c[cOffset + (i * n) + j] = RoundToHalf(sum + RoundToHalf(columnBias?[j] ?? 0));
            }
        });
    }

    /// <summary>Each lane rounded to the nearest binary16 value (ties to even, overflow to ±Inf, subnormals kept), as a float.</summary>
    public static Vector256<float> RoundToHalf(Vector256<float> value)
    {
        var bits = value.AsUInt32();
        var sign = bits & Vector256.Create(0x8000_0000u);
        var magnitude = bits & Vector256.Create(0x7FFF_FFFFu);

        // Normal binary16 range: keep 10 of float's 23 fraction bits, ties to even (a carry may step the exponent).
        var dropped = bits & Vector256.Create(0x1FFFu);
        var odd = Vector256.ShiftRightLogical(bits, 13) & Vector256.Create(1u);
        var roundUp = Vector256.GreaterThan(dropped, Vector256.Create(0x1000u))
            | (Vector256.Equals(dropped, Vector256.Create(0x1000u)) & Vector256.Equals(odd, Vector256.Create(1u)));
        var normal = (bits & Vector256.Create(~0x1FFFu)) + (roundUp & Vector256.Create(0x2000u));

        // Below 2^-14, binary16 steps by 2^-24: adding and removing ±0.5 (whose float ulp is 2^-24) rounds to that grid;
        // the sign is put back so that values rounding to zero keep it.
        var half = (sign | Vector256.Create(0x3F00_0000u)).AsSingle();
        var subnormal = ((value + half) - half).AsUInt32() | sign;

        var infinity = sign | Vector256.Create(0x7F80_0000u);
        var result = Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(0x3880_0000u)), subnormal, normal);
        result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(0x477F_F000u)), infinity, result);
        // ±Inf and NaN pass through.
        result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(0x7F80_0000u)), bits, result);
        return result.AsSingle();
    }

    /// <summary>One value rounded to the nearest binary16 value, as a float.</summary>
    public static float RoundToHalf(float value) => (float)(Half)value;
}
