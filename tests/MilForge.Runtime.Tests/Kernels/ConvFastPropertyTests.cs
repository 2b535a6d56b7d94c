using MilForge.Mil.Building;
using MilForge.Runtime.Kernels.Conv;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// The fast convolution (im2col + vectorized binary32 GEMM, a direct loop for depthwise, the input itself for
/// pointwise) agrees with the reference (a direct loop summing in binary64) on hundreds of random problems: 1-D,
/// 2-D and 3-D, groups (depthwise with and without a channel multiplier), strides, dilations, every pad type,
/// with and without bias, batches, odd sizes. The tolerance is the rounding bound of a binary32 sum of K terms,
/// (K + 2)·2⁻²⁴·Σ|x·w| + |b| per element, so a single wrong or missing term fails. The interpreter's conv then
/// runs the fast kernel under fp32-accumulate (rounding once to binary16 in fp16 ops) and the rounding reference
/// under fp16-accumulate.
/// </summary>
public class ConvFastPropertyTests
{
    private const int Problems = 400;

    /// <summary>A random conv problem with the op arguments that describe it.</summary>
    internal sealed record Case(int Seed, ConvProblem Problem, int[] XShape, int[] WShape, int[] Strides, int[] Dilations, string PadType, int[]? Pad)
    {
        /// <summary>Products summed per output element (bias excluded).</summary>
        public int Terms => Problem.CinPerGroup * Problem.Window.KernelSize;

        public override string ToString() =>
            $"seed {Seed}: x [{string.Join(",", XShape)}], w [{string.Join(",", WShape)}], groups {Problem.Groups}, strides [{string.Join(",", Strides)}], " +
            $"dilations [{string.Join(",", Dilations)}], {PadType}{(Pad is null ? "" : $" [{string.Join(",", Pad)}]")}, bias {Problem.Bias is not null}";
    }

    internal static Case RandomCase(int seed, Func<Random, float>? value = null)
    {
        var r = new Random(seed);
        value ??= random => (float)((random.NextDouble() * 2) - 1);
        var rank = r.Next(1, 4);
        var batch = r.Next(1, 4);
        var kind = r.Next(4); // 0 dense, 1 grouped, 2 depthwise, 3 pointwise
        var groups = kind switch { 0 => 1, 1 => r.Next(2, 4), 2 => r.Next(1, 6), _ => r.Next(1, 3) };
        var cinPerGroup = kind == 2 ? 1 : r.Next(1, 5);
        var coutPerGroup = kind == 2 ? (r.Next(3) == 0 ? 2 : 1) : r.Next(1, 5);
        var (cin, cout) = (groups * cinPerGroup, groups * coutPerGroup);

        var kernel = new int[rank];
        var strides = new int[rank];
        var dilations = new int[rank];
        var input = new int[rank];
        // Pointwise convs pad only with custom pads (on one side or both): "same" adds none to a 1-wide kernel.
        var padType = new[] { "valid", "same", "same_lower", "custom" }[r.Next(4)];
        int[]? pad = padType == "custom" ? new int[2 * rank] : null;
        for (var i = 0; i < rank; i++)
        {
            var small = rank == 3;
            kernel[i] = kind == 3 ? 1 : r.Next(1, small ? 4 : 6);
            strides[i] = kind == 3 ? 1 : r.Next(1, 4);
            dilations[i] = kind == 3 ? 1 : r.Next(1, small ? 3 : 4);
            if (pad is not null)
            {
                (pad[2 * i], pad[(2 * i) + 1]) = kind == 3 && r.Next(2) == 0 ? (0, 0) : (r.Next(0, 4), r.Next(0, 4));
            }
            var effective = ((kernel[i] - 1) * dilations[i]) + 1;
            var padding = pad is null ? 0 : pad[2 * i] + pad[(2 * i) + 1];
            var minimum = padType is "same" or "same_lower" ? 1 : Math.Max(1, effective - padding);
            input[i] = minimum + r.Next(0, small ? 4 : 8);
        }

        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => value(r))];
        int[] xShape = [batch, cin, .. input];
        int[] wShape = [cout, cinPerGroup, .. kernel];
        var x = Values(xShape.Aggregate(1, (p, d) => p * d));
        var w = Values(wShape.Aggregate(1, (p, d) => p * d));
        var bias = r.Next(2) == 0 ? Values(cout) : null;
        var window = new Window(input, kernel, strides, dilations, padType, pad, ceilMode: false);
        return new Case(seed, new ConvProblem(x, w, bias, window, batch, cin, cout, groups), xShape, wShape, strides, dilations, padType, pad);
    }

    /// <summary>Σ|x·w| + |b| per output element: the scale of the rounding error of a sum.</summary>
    private static double[] Magnitudes(ConvProblem p) =>
        ConvReference.Run(p with { X = [.. p.X.Select(Math.Abs)], W = [.. p.W.Select(Math.Abs)], Bias = p.Bias?.Select(Math.Abs).ToArray() }, roundPartialSums: false);

    /// <summary>The forward error bound of a binary32 sum of <paramref name="terms"/> products plus a bias.</summary>
    private static double Bound(int terms, double magnitude) => (terms + 2) * Math.Pow(2, -24) * magnitude * 1.01;

    public static TheoryData<int> Batches() => [.. Enumerable.Range(0, 8)];

    [Theory]
    [MemberData(nameof(Batches))]
    public void FastAgreesWithTheReferenceWithinTheBinary32SumBound(int batch)
    {
        var geometries = new HashSet<string>();
        for (var seed = batch * Problems / 8; seed < (batch + 1) * Problems / 8; seed++)
        {
            var c = RandomCase(seed);
            var fast = ConvFast.Run(c.Problem);
            var reference = ConvReference.Run(c.Problem, roundPartialSums: false);
            var magnitude = Magnitudes(c.Problem);
            Assert.True(fast.Length == reference.Length, c.ToString());
            for (var i = 0; i < fast.Length; i++)
            {
                var error = Math.Abs(fast[i] - reference[i]);
                Assert.True(error <= Bound(c.Terms, magnitude[i]),
                    $"{c}: element {i} fast {fast[i]:R} reference {reference[i]:R} (error {error:G3}, bound {Bound(c.Terms, magnitude[i]):G3})");
            }
            geometries.Add($"{c.XShape.Length - 2}d g{(c.Problem.Groups == 1 ? "1" : c.Problem.CinPerGroup == 1 ? "dw" : "n")} {c.PadType}");
        }
        // Each batch of 50 problems covers many geometries (so no batch silently tests one shape).
        Assert.True(geometries.Count >= 10, string.Join("; ", geometries));
    }

    /// <summary>Problems big enough for several im2col bands of output positions, including a band that ends mid-row.</summary>
    public static TheoryData<int, int, int, int, int, int> ManyBands() => new()
    {
        // batch, channels in per group, groups, input size, stride, dilation
        { 1, 8, 1, 23, 1, 1 },
        { 2, 3, 2, 20, 1, 2 },
        { 1, 5, 1, 31, 2, 1 },
        { 3, 2, 3, 17, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(ManyBands))]
    public void ManyBandsAgreeWithTheReference(int batch, int cinPerGroup, int groups, int size, int stride, int dilation)
    {
        var r = new Random(size);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)((r.NextDouble() * 2) - 1))];
        var (cin, cout) = (cinPerGroup * groups, 3 * groups);
        var window = new Window([size, size + 3], [3, 3], [stride, stride], [dilation, dilation], "custom", [1, 2, 0, 1], ceilMode: false);
        var problem = new ConvProblem(Values(batch * cin * size * (size + 3)), Values(cout * cinPerGroup * 9), Values(cout), window, batch, cin, cout, groups);
        Assert.True(window.OutputSize > 128, $"{window.OutputSize} positions is one band");
        var fast = ConvFast.Run(problem);
        var reference = ConvReference.Run(problem, roundPartialSums: false);
        var magnitude = Magnitudes(problem);
        for (var i = 0; i < fast.Length; i++)
        {
            Assert.True(Math.Abs(fast[i] - reference[i]) <= Bound(cinPerGroup * 9, magnitude[i]), $"element {i}: fast {fast[i]:R}, reference {reference[i]:R}");
        }
    }

    [Fact]
    public void TheRandomProblemsCoverEveryKindOfConvolution()
    {
        var cases = Enumerable.Range(0, Problems).Select(s => RandomCase(s)).ToList();
        Assert.Contains(cases, c => c.XShape.Length == 3);
        Assert.Contains(cases, c => c.XShape.Length == 4);
        Assert.Contains(cases, c => c.XShape.Length == 5);
        Assert.Contains(cases, c => c.Problem.Groups > 1 && c.Problem.CinPerGroup > 1);
        Assert.Contains(cases, c => c.Problem.CinPerGroup == 1 && c.Problem.CoutPerGroup == 1 && c.Problem.Groups > 1);
        Assert.Contains(cases, c => c.Problem.CinPerGroup == 1 && c.Problem.CoutPerGroup == 2 && c.Problem.Groups > 1);
        Assert.Contains(cases, c => c.Problem.Window.KernelSize == 1 && c.Strides.All(s => s == 1) && c.Problem.Window.PadBegin.All(v => v == 0)
            && c.Problem.Window.PadEnd.All(v => v == 0) && c.Problem.CinPerGroup > 1);
        Assert.Contains(cases, c => c.Problem.Window.KernelSize == 1 && c.Pad is not null && c.Pad.Where((_, i) => i % 2 == 0).All(v => v == 0)
            && c.Pad.Any(v => v > 0));
        Assert.Contains(cases, c => c.Strides.Any(s => s > 1) && c.Dilations.Any(d => d > 1));
        Assert.Contains(cases, c => c.Pad is not null && c.Pad.Any(p => p > 0));
        Assert.Contains(cases, c => c.Problem.Bias is null);
        Assert.Contains(cases, c => c.Problem.Bias is not null);
        Assert.Contains(cases, c => c.Problem.Batch > 1);
        Assert.Contains(cases, c => c.XShape[2..].Any(d => d % 2 == 1 && d > 1));
        foreach (var padType in new[] { "valid", "same", "same_lower", "custom" })
        {
            Assert.Contains(cases, c => c.PadType == padType);
        }
        // Padding that reaches past the kernel's reach (windows entirely in the padding) occurs too.
        Assert.Contains(cases, c => c.Problem.Window.PadBegin.Zip(c.Problem.Window.Kernel, c.Problem.Window.Dilations)
            .Any(t => t.First > (t.Second - 1) * t.Third));
    }

    /// <summary>Runs the problem through the interpreter's conv op with the given element type and policy.</summary>
    private static Tensor RunOp(Case c, DataType type, PrecisionPolicy policy)
    {
        var p = c.Problem;
        var h = new KernelHarness();
        var args = new OpArgs
        {
            { "x", h.In(Tensor.Create(p.X, c.XShape).CastTo(type)) },
            { "weight", Tensor.Create(p.W, c.WShape).CastTo(type) },
            { "strides", c.Strides },
            { "dilations", c.Dilations },
            { "pad_type", c.PadType },
            { "groups", p.Groups },
        };
        if (c.Pad is not null)
        {
            args.Add("pad", c.Pad);
        }
        if (p.Bias is not null)
        {
            args.Add("bias", Tensor.Create(p.Bias, [p.Bias.Length]).CastTo(type));
        }
        return h.Run(h.Builder.Single("conv", args), new RunOptions { Policy = policy });
    }

    /// <summary>The case with every operand rounded to binary16 (what an fp16 op computes on).</summary>
    private static Case ToHalves(Case c)
    {
        static float[] Round(float[] v) => [.. v.Select(f => (float)(Half)f)];
        return c with { Problem = c.Problem with { X = Round(c.Problem.X), W = Round(c.Problem.W), Bias = c.Problem.Bias is { } b ? Round(b) : null } };
    }

    private static double Ulp16(double v)
    {
        var a = Math.Abs(v);
        return a < Math.Pow(2, -14) ? Math.Pow(2, -24) : Math.Pow(2, Math.Floor(Math.Log2(a)) - 10);
    }

    [Fact]
    public void Fp32ConvRunsTheFastKernel()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var c = RandomCase(seed);
            var y = RunOp(c, DataType.Float32, PrecisionPolicy.Default);
            Assert.Equal(c.Problem.Window.OutputSpatial, y.ShapeArray()[2..]);
            Assert.True(ConvFast.Run(c.Problem).AsSpan().SequenceEqual(y.AsFloats()), c.ToString());
        }
    }

    [Fact]
    public void Fp16ConvUnderFp32AccumulateRoundsTheFastResultOnce()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var c = ToHalves(RandomCase(seed));
            var y = RunOp(c, DataType.Float16, PrecisionPolicy.Default);
            Assert.Equal(DataType.Float16, y.DataType);
            var actual = y.Storage<Half>();
            var fast = ConvFast.Run(c.Problem);
            var reference = ConvReference.Run(c.Problem, roundPartialSums: false);
            var magnitude = Magnitudes(c.Problem);
            for (var i = 0; i < actual.Length; i++)
            {
                Assert.True(actual[i] == (Half)fast[i], $"{c}: element {i} is {actual[i]}, the fast kernel rounded is {(Half)fast[i]}");
                // Both roundings are within half an ulp of their argument, and the arguments within the binary32 bound.
                var error = Math.Abs((double)actual[i] - (double)(Half)reference[i]);
                Assert.True(error <= Bound(c.Terms, magnitude[i]) + Ulp16(reference[i]), $"{c}: element {i} {actual[i]} vs reference {reference[i]:R}");
            }
        }
    }

    [Fact]
    public void Fp16ConvUnderFp16AccumulateRunsTheRoundingReference()
    {
        var differsFromFp32Accumulate = 0;
        var policy = PrecisionPolicy.Parse("fp16-accumulate")!;
        for (var seed = 0; seed < 60; seed++)
        {
            var c = ToHalves(RandomCase(seed));
            var actual = RunOp(c, DataType.Float16, policy).Storage<Half>();
            var rounded = ConvReference.Run(c.Problem, roundPartialSums: true);
            var exact = ConvReference.Run(c.Problem, roundPartialSums: false);
            var magnitude = Magnitudes(c.Problem);
            for (var i = 0; i < actual.Length; i++)
            {
                Assert.True(actual[i] == (Half)rounded[i], $"{c}: element {i} is {actual[i]}, the rounding reference gives {rounded[i]}");
                // 2K + 1 roundings, each 2^-11 relative (or 2^-25 absolute among subnormals), bounded by the magnitude.
                Assert.True(Math.Abs((double)actual[i] - exact[i]) <= (c.Terms + 2) * ((Math.Pow(2, -11) * magnitude[i]) + Math.Pow(2, -24)),
                    $"{c}: element {i} {actual[i]} vs exact {exact[i]:R}");
            }
            differsFromFp32Accumulate += actual.Zip(ConvFast.Run(c.Problem)).Any(t => t.First != (Half)t.Second) ? 1 : 0;
        }
        // The two policies are really different computations.
        Assert.True(differsFromFp32Accumulate > 10, $"only {differsFromFp32Accumulate} of 60 problems differ between the policies");
    }

    [Fact]
    public void NonFiniteValuesPropagateAsInTheReference()
    {
        // Weights and inputs holding ±Inf and NaN (as FP16 overflow produces): the fast kernel must give the same
        // NaN/±Inf pattern as the reference, in particular at the border, where the reference skips padding.
        float[] specials = [float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        for (var seed = 0; seed < 200; seed++)
        {
            var c = RandomCase(seed, r => r.Next(40) == 0 ? specials[r.Next(specials.Length)] : (float)((r.NextDouble() * 2) - 1));
            var fast = ConvFast.Run(c.Problem);
            var reference = ConvReference.Run(c.Problem, roundPartialSums: false);
            for (var i = 0; i < fast.Length; i++)
            {
                if (double.IsFinite(reference[i]))
                {
                    Assert.True(float.IsFinite(fast[i]), $"{c}: element {i} fast {fast[i]} reference {reference[i]}");
                }
                else
                {
                    Assert.True(double.IsNaN(reference[i]) ? float.IsNaN(fast[i]) : fast[i] == reference[i], $"{c}: element {i} fast {fast[i]} reference {reference[i]}");
                }
            }
        }
    }
}
