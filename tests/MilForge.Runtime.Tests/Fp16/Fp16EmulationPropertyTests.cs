using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Fp16;

/// <summary>
/// The interpreter's FP16 arithmetic equals IEEE binary16 arithmetic (System.Half, whose operators round a binary32
/// result — exact for +, −, ×, ÷ and √ because binary32 has at least 2·11 + 2 significand bits) over a million
/// random pairs including zeros, subnormals, the largest finite values, infinities and NaN.
/// </summary>
public class Fp16EmulationPropertyTests
{
    private const int Pairs = 1_000_000;

    private static Half[] RandomHalves(int seed)
    {
        var random = new Random(seed);
        Half[] specials = [Half.Zero, Half.NegativeZero, Half.Epsilon, -Half.Epsilon, Half.MaxValue, Half.MinValue,
            Half.PositiveInfinity, Half.NegativeInfinity, Half.NaN, (Half)1, (Half)(-1), (Half)65504, (Half)6.1035156e-05f];
        var values = new Half[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            values[i] = (i % 16) switch
            {
                0 => specials[random.Next(specials.Length)],
                // Any bit pattern: covers subnormals, normals of every exponent, NaN payloads.
                1 or 2 or 3 => BitConverter.UInt16BitsToHalf((ushort)random.Next(65536)),
                _ => (Half)((random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-14, 16))),
            };
        }
        return values;
    }

    private static Half[] RunBinary(string op, Half[] a, Half[] b)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float16, a.Length));
        var y = program.Main.AddInput("y", TensorType.Of(DataType.Float16, b.Length));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single(op, new() { { "x", x }, { "y", y } }, "z"));
        var result = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = Tensor.Vector(a), ["y"] = Tensor.Vector(b) });
        return result["z"].Storage<Half>();
    }

    private static void AssertSameBits(Half[] expected, Half[] actual, Half[] a, Half[] b, string op)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var same = Half.IsNaN(expected[i]) ? Half.IsNaN(actual[i]) : BitConverter.HalfToUInt16Bits(expected[i]) == BitConverter.HalfToUInt16Bits(actual[i]);
            Assert.True(same, $"{a[i]} {op} {b[i]}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("real_div")]
    public void BinaryOpsEqualIeeeBinary16(string op)
    {
        var a = RandomHalves(1);
        var b = RandomHalves(2);
        Func<Half, Half, Half> reference = op switch
        {
            "add" => (p, q) => p + q,
            "sub" => (p, q) => p - q,
            "mul" => (p, q) => p * q,
            _ => (p, q) => p / q,
        };
        AssertSameBits([.. a.Zip(b, reference)], RunBinary(op, a, b), a, b, op);
    }

    [Fact]
    public void SqrtEqualsIeeeBinary16()
    {
        var a = RandomHalves(3);
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float16, a.Length));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single("sqrt", new() { { "x", x } }, "z"));
        var actual = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = Tensor.Vector(a) })["z"].Storage<Half>();
        AssertSameBits([.. a.Select(Half.Sqrt)], actual, a, a, "sqrt");
    }

    [Theory]
    [InlineData(65504f, 65504f)]        // the largest finite value is exact
    [InlineData(65519f, 65504f)]        // below the midpoint to 65536: rounds down
    [InlineData(65520f, float.PositiveInfinity)] // the midpoint ties to even (65536 is out of range): overflow
    [InlineData(-65520f, float.NegativeInfinity)]
    [InlineData(2049f, 2048f)]          // ties to even
    [InlineData(2051f, 2052f)]          // ties to even, upward
    [InlineData(5.9604645e-08f, 5.9604645e-08f)]  // 2^-24, the smallest subnormal
    [InlineData(2.9802322e-08f, 0f)]    // 2^-25 ties to even: zero
    [InlineData(4.4703484e-08f, 5.9604645e-08f)]  // 3·2^-26 rounds up to 2^-24
    [InlineData(6.097555e-05f, 6.0975552e-05f)]   // subnormals are kept, not flushed
    public void ConversionBoundaries(float input, float expected)
    {
        var t = Tensor.Vector(input).CastTo(DataType.Float16);
        Assert.Equal(expected, (float)t.Storage<Half>()[0]);
    }

    [Fact]
    public void AnFp16OpRoundsItsResultOnce()
    {
        // 2048 + 1 is not representable in binary16 (spacing 2 there): the sum rounds to even, 2048.
        var sum = RunBinary("add", [(Half)2048], [(Half)1]);
        Assert.Equal((Half)2048, sum[0]);
        // 60000 + 10000 overflows binary16 to +Inf although binary32 would hold it.
        Assert.Equal(Half.PositiveInfinity, RunBinary("add", [(Half)60000], [(Half)10000])[0]);
    }
}
