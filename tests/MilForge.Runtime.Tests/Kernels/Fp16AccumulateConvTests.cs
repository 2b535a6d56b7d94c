using MilForge.Runtime.Kernels.Conv;
using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// The vectorised fp16-accumulate convolution equals the reference with rounded partial sums bit for bit: on the
/// random conv problems of <see cref="ConvFastPropertyTests"/> (every kind, every pad type, windows in the padding)
/// with binary16 operands that overflow, go subnormal, and carry NaN and ±Inf, and on problems with many bands.
/// </summary>
public class Fp16AccumulateConvTests
{
    private static float RandomHalf(Random random)
    {
        if (random.Next(100) < 2)
        {
            return new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f }[random.Next(5)];
        }
        var magnitude = Math.ScaleB(1 + random.NextDouble(), random.Next(-26, 17));
        return (float)(Half)(random.Next(2) == 0 ? magnitude : -magnitude);
    }

    private static void AssertSame(ConvProblem problem, string what)
    {
        var fast = Fp16AccumulateConv.Run(problem);
        var reference = ConvReference.Run(problem, roundPartialSums: true);
        Assert.Equal(reference.Length, fast.Length);
        for (var i = 0; i < fast.Length; i++)
        {
            var expected = (float)reference[i];
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(fast[i]) || (float.IsNaN(expected) && float.IsNaN(fast[i])),
                $"{what}: element {i} = {fast[i]:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void RandomProblemsEqualTheReferenceBitForBit()
    {
        Assert.SkipUnless(Fp16AccumulateGemm.IsSupported, "no 256-bit vector hardware: the reference runs instead");
        for (var seed = 0; seed < 300; seed++)
        {
            var c = ConvFastPropertyTests.RandomCase(seed, RandomHalf);
            AssertSame(c.Problem, c.ToString());
        }
    }

    [Fact]
    public void ProblemsWithManyBandsEqualTheReferenceBitForBit()
    {
        Assert.SkipUnless(Fp16AccumulateGemm.IsSupported, "no 256-bit vector hardware");
        var random = new Random(31);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => RandomHalf(random))];
        foreach (var (batch, cinPerGroup, groups, size, stride) in new[] { (1, 4, 1, 23, 1), (2, 3, 2, 20, 2), (1, 1, 6, 25, 1) })
        {
            var (cin, cout) = (cinPerGroup * groups, 2 * groups);
            var window = new Window([size, size + 2], [3, 3], [stride, stride], [1, 1], "custom", [1, 1, 2, 0], ceilMode: false);
            var problem = new ConvProblem(Values(batch * cin * size * (size + 2)), Values(cout * cinPerGroup * 9), Values(cout), window, batch, cin, cout, groups);
            AssertSame(problem, $"{batch}x{cin}x{size} groups {groups} stride {stride}");
        }
    }
}
