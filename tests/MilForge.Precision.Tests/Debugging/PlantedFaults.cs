using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Precision.Tests.Debugging;

/// <summary>
/// FP32 programs with one planted FP16 fault each, and the name of the op where it is born. Inputs are drawn so the
/// FP32 program is finite and the FP16 one is not (or is far off).
/// </summary>
internal sealed record PlantedFault(string Name, MilProgram Program, string Culprit, Func<int, Dictionary<string, Tensor>> Sample)
{
    public override string ToString() => Name;

    private static (MilProgram Program, MilBuilder B, Value X) Start(params long[] shape)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, shape));
        return (program, new MilBuilder(program.Main.Body), x);
    }

    private static Func<int, Dictionary<string, Tensor>> Uniform(int[] shape, float lo, float hi) =>
        seed => new() { ["x"] = TestTensors.Uniform(seed, shape, lo, hi) };

    /// <summary>A square beyond 65504: s = 300·x, y = s·s / 1000.</summary>
    public static PlantedFault Square()
    {
        var (p, b, x) = Start(4, 8);
        var s = b.Single("mul", new() { { "x", x }, { "y", 300f } }, "scaled");
        var sq = b.Single("mul", new() { { "x", s }, { "y", s } }, "square");
        p.Main.Body.AddOutput(b.Single("mul", new() { { "x", sq }, { "y", 1e-3f } }, "y"));
        return new("x·x overflow", p, "square", Uniform([4, 8], -1, 1));
    }

    /// <summary>exp of values up to 20 (e^20 ≈ 4.9e8), scaled back down.</summary>
    public static PlantedFault Exp()
    {
        var (p, b, x) = Start(16);
        var z = b.Single("mul", new() { { "x", x }, { "y", 20f } }, "logits");
        var e = b.Single("exp", new() { { "x", z } }, "e");
        p.Main.Body.AddOutput(b.Single("mul", new() { { "x", e }, { "y", 1e-6f } }, "y"));
        return new("exp overflow", p, "e", Uniform([16], 0.5f, 1));
    }

    /// <summary>A sum of 4096 values near 20: the sum passes 65504, the mean would not.</summary>
    public static PlantedFault LargeReduction()
    {
        var (p, b, x) = Start(1, 4096);
        var relu = b.Single("relu", new() { { "x", x } }, "act");
        var total = b.Single("reduce_sum", new() { { "x", relu }, { "axes", new[] { 1 } }, { "keep_dims", true } }, "total");
        p.Main.Body.AddOutput(b.Single("real_div", new() { { "x", total }, { "y", 4096f } }, "y"));
        return new("large reduction", p, "total", Uniform([1, 4096], 15, 25));
    }

    /// <summary>A decomposed LayerNorm over values near ±400: (x − mean)² overflows.</summary>
    public static PlantedFault LayerNormVariance()
    {
        var (p, b, x) = Start(2, 64);
        var mean = b.Single("reduce_mean", new() { { "x", x }, { "axes", new[] { -1 } }, { "keep_dims", true } }, "mean");
        var d = b.Single("sub", new() { { "x", x }, { "y", mean } }, "centered");
        var sq = b.Single("mul", new() { { "x", d }, { "y", d } }, "squared");
        var variance = b.Single("reduce_mean", new() { { "x", sq }, { "axes", new[] { -1 } }, { "keep_dims", true } }, "variance");
        var std = b.Single("sqrt", new() { { "x", b.Single("add", new() { { "x", variance }, { "y", 1e-5f } }, "variance_eps") } }, "std");
        p.Main.Body.AddOutput(b.Single("real_div", new() { { "x", d }, { "y", std } }, "y"));
        return new("LayerNorm variance overflow", p, "squared", Uniform([2, 64], -400, 400));
    }

    /// <summary>An additive mask built from float32's minimum: saturated to −65504 in FP16, adding scores below −16 overflows.</summary>
    public static PlantedFault MaskSentinel()
    {
        var (p, b, x) = Start(2, 4);
        var scores = b.Single("mul", new() { { "x", x }, { "y", 100f } }, "scores");
        var mask = b.Const(Tensor.Create(new[] { 0f, 0f, float.MinValue, float.MinValue, float.MinValue, float.MinValue, float.MinValue, float.MinValue }, 1, 2, 4)
            .Reshape([2, 4]), "mask");
        var masked = b.Single("add", new() { { "x", scores }, { "y", mask } }, "masked");
        p.Main.Body.AddOutput(b.Single("softmax", new() { { "x", masked }, { "axis", -1 } }, "y"));
        return new("mask from float32 min", p, "masked", Uniform([2, 4], -1, 1));
    }

    /// <summary>Two scalings by 1e-4 take values below FP16's smallest subnormal; the log of the zeros is −inf.</summary>
    public static PlantedFault Underflow()
    {
        var (p, b, x) = Start(16);
        var first = b.Single("mul", new() { { "x", x }, { "y", 1e-4f } }, "small");
        var second = b.Single("mul", new() { { "x", first }, { "y", 1e-4f } }, "tiny");
        p.Main.Body.AddOutput(b.Single("log", new() { { "x", second }, { "epsilon", 0f } }, "y"));
        return new("underflow to zero", p, "tiny", Uniform([16], 0.5f, 1));
    }

    public static IEnumerable<PlantedFault> All => [Square(), Exp(), LargeReduction(), LayerNormVariance(), MaskSentinel(), Underflow()];
}
