using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Passes;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Runtime.Tests;

/// <summary>
/// An FP16 program widened by <see cref="ProgramCloner"/> (the FP32 reference <c>debug-precision</c> compares an
/// FP16 package with) runs in FP32 and computes what the FP16 program computes, within FP16 tolerance, on random
/// inputs — for all-FP16 programs, FP32 I/O with edge casts, and mixed programs with ops kept in FP32 (including an
/// output op). Against the FP32 program the FP16 one came from it differs only by the weights' rounding to FP16.
/// </summary>
public class ProgramClonerWideningTests
{
    /// <summary>
    /// x[2, 3, 8, 8] → conv(same) → relu → max_pool → reduce_mean → linear → layer_norm → softmax = y;
    /// plus z = sigmoid(x·s + t) reduced over channels (a second output, elementwise with broadcast consts).
    /// </summary>
    private static MilProgram Fp32(DeploymentTarget target)
    {
        var program = MilProgram.WithMain(target);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 3, 8, 8));
        var b = new MilBuilder(program.Main.Body);
        var conv = b.Single("conv", new()
        {
            { "x", x }, { "weight", TestTensors.Uniform(11, [6, 3, 3, 3], -0.5f, 0.5f) }, { "bias", TestTensors.Uniform(12, [6], -0.1f, 0.1f) },
            { "pad_type", "same" },
        }, "conv");
        var relu = b.Single("relu", new() { { "x", conv } }, "relu");
        var pool = b.Single("max_pool", new() { { "x", relu }, { "kernel_sizes", new[] { 2, 2 } }, { "strides", new[] { 2, 2 } }, { "pad_type", "valid" } }, "pool");
        var mean = b.Single("reduce_mean", new() { { "x", pool }, { "axes", new[] { 2, 3 } }, { "keep_dims", false } }, "mean");
        var lin = b.Single("linear", new() { { "x", mean }, { "weight", TestTensors.Uniform(13, [5, 6]) }, { "bias", TestTensors.Uniform(14, [5]) } }, "lin");
        var norm = b.Single("layer_norm", new() { { "x", lin }, { "axes", new[] { -1 } }, { "gamma", TestTensors.Uniform(15, [5], 0.5f, 1.5f) } }, "norm");
        program.Main.Body.AddOutput(b.Single("softmax", new() { { "x", norm }, { "axis", -1 } }, "y"));

        var scaled = b.Single("mul", new() { { "x", x }, { "y", TestTensors.Uniform(16, [1, 3, 1, 1], 1f, 3f) } }, "scaled");
        var shifted = b.Single("add", new() { { "x", scaled }, { "y", -0.25f } }, "shifted");
        var sig = b.Single("sigmoid", new() { { "x", shifted } }, "sig");
        program.Main.Body.AddOutput(b.Single("reduce_sum", new() { { "x", sig }, { "axes", new[] { 1 } }, { "keep_dims", false } }, "z"));
        return program;
    }

    public static TheoryData<string> Variants() => ["fp16-io", "fp32-io", "keep-relu-and-linear", "keep-output-ops", "fp32-io-keep-output-ops"];

    private static MilProgram Fp16(MilProgram fp32, string variant)
    {
        var copy = new ProgramCloner().Clone(fp32);
        var options = variant switch
        {
            "fp16-io" => new Fp16Options(),
            "fp32-io" => new Fp16Options { Fp16IO = false },
            "keep-relu-and-linear" => new Fp16Options { KeepFp32 = op => op.Type is "relu" or "linear" },
            "keep-output-ops" => new Fp16Options { KeepFp32 = op => op.Type is "softmax" or "reduce_sum" },
            _ => new Fp16Options { Fp16IO = false, KeepFp32 = op => op.Type is "softmax" or "reduce_sum" },
        };
        new Fp16ComputePass(options).Run(copy);
        Assert.True(PrecisionSummary.Of(copy).Fp16Ops > 0);
        return copy;
    }

    private static Dictionary<string, Tensor> Inputs(int seed) => new() { ["x"] = TestTensors.Uniform(seed, [2, 3, 8, 8], -2, 2) };

    private static IReadOnlyDictionary<string, Tensor> Run(MilProgram program, Dictionary<string, Tensor> inputs) =>
        new MilInterpreter().Run(program, inputs);

    /// <summary>|a − e| ≤ atol·max(1, max|e|) + rtol·|e| for every element.</summary>
    private static void AssertClose(string what, Tensor expected, Tensor actual, double atol, double rtol)
    {
        var (e, a) = (expected.AsDoubles(), actual.AsDoubles());
        Assert.Equal(expected.Shape, actual.Shape);
        var scale = Math.Max(1, e.Max(Math.Abs));
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(double.IsFinite(a[i]) && Math.Abs(a[i] - e[i]) <= (atol * scale) + (rtol * Math.Abs(e[i])),
                $"{what}: element {i} is {a[i]}, expected {e[i]} (atol {atol}, rtol {rtol})");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheWidenedProgramMatchesItsFp16SourceWithinFp16Tolerance(string variant)
    {
        var fp16 = Fp16(Fp32(DeploymentTarget.iOS16), variant);
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);
        Assert.Equal(0, PrecisionSummary.Of(wide).Fp16Ops);
        var differ = 0;
        for (var seed = 1; seed <= 5; seed++)
        {
            var inputs = Inputs(seed);
            var half = Run(fp16, inputs);
            var full = Run(wide, inputs);
            Assert.Equal(half.Keys.Order(), full.Keys.Order());
            foreach (var (name, value) in full)
            {
                Assert.Equal(DataType.Float32, value.DataType);
                AssertClose($"{variant} seed {seed} {name}", value, half[name].CastTo(DataType.Float32), 1e-2, 1e-2);
                differ += value.AsDoubles().Zip(half[name].AsDoubles()).Count(t => t.First != t.Second);
            }
        }
        // The two programs really compute in different precisions.
        Assert.True(differ > 0, "the widened program gives the FP16 results bit for bit");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheWidenedProgramIsTheFp32ProgramUpToWeightRounding(string variant)
    {
        var fp32 = Fp32(DeploymentTarget.iOS16);
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(Fp16(fp32, variant));
        for (var seed = 1; seed <= 3; seed++)
        {
            var inputs = Inputs(seed);
            var expected = Run(fp32, inputs);
            var actual = Run(wide, inputs);
            foreach (var (name, value) in expected)
            {
                // Weights rounded to FP16 (2^-11 relative) perturb the result far less than FP16 arithmetic does.
                AssertClose($"{variant} seed {seed} {name}", value, actual[name], 2e-3, 2e-3);
            }
        }
    }

    [Fact]
    public void WideningRemovesTheOverflowThatFp16Has()
    {
        // y = (x·300)², summed: the square overflows FP16; the widened program computes it in FP32.
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 8));
        var b = new MilBuilder(program.Main.Body);
        var big = b.Single("mul", new() { { "x", x }, { "y", 300f } }, "big");
        var sq = b.Single("mul", new() { { "x", big }, { "y", big } }, "sq");
        program.Main.Body.AddOutput(b.Single("reduce_sum", new() { { "x", sq }, { "axes", new[] { 1 } } }, "y"));
        var fp16 = new ProgramCloner().Clone(program);
        new Fp16ComputePass().Run(fp16);
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);

        var inputs = new Dictionary<string, Tensor> { ["x"] = TestTensors.Uniform(3, [1, 8], 1, 2) };
        Assert.True(float.IsInfinity(Run(fp16, inputs)["y"].AsFloats()[0]));
        AssertClose("y", Run(program, inputs)["y"], Run(wide, inputs)["y"], 1e-6, 1e-6);
    }
}
