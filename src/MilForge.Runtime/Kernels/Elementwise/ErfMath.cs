namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary>The error function in double precision (series below 2.5, continued fraction for erfc above).</summary>
internal static class ErfMath
{
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }
        var a = Math.Abs(x);
        var result = a < 2.5 ? Series(a) : 1 - ErfcContinuedFraction(a);
        return x < 0 ? -result : result;
    }

    private static double Series(double x)
    {
        // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            var add = term / ((2 * n) + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }
        return sum * 1.1283791670955126;
    }

    private static double ErfcContinuedFraction(double x)
    {
        if (x > 27)
        {
            return 0;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated bottom-up.
        var f = x;
        for (var k = 60; k >= 1; k--)
        {
            f = x + (k / 2.0 / f);
        }
        return Math.Exp(-x * x) / (f * 1.7724538509055159);
    }
}
