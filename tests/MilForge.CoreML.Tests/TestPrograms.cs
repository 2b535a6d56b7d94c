using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>Programs written in the package tests.</summary>
internal static class TestPrograms
{
    public static readonly Tensor Weight = TestTensors.Uniform(1, [12, 16]);

    public static readonly Tensor Bias = TestTensors.Uniform(2, [12]);

    public static readonly Tensor Scale = TestTensors.Uniform(3, [12], 0.5f, 2).CastTo(DataType.Float16);

    public static readonly Tensor Indices = Tensor.Vector(0, 2, 4, 6, 8, 10, 11, 9, 7, 5);

    /// <summary>
    /// x fp32[1, 16] → linear (fp32 [12, 16] weight and [12] bias: blobs) → relu → cast fp16 → mul by an fp16 [12]
    /// const (blob) → add the same fp16 values again as a second const (stored once) → mul by an fp16 scalar
    /// (immediate bytes) → cast fp32 (output "back") → gather with int32 [10] indices (blob only from iOS18) →
    /// softmax (output "probs").
    /// </summary>
    public static MilProgram Package(DeploymentTarget target)
    {
        var program = MilProgram.WithMain(target);
        var main = program.Main;
        var b = new MilBuilder(main.Body);
        var x = main.AddInput("x", TensorType.Of(DataType.Float32, 1, 16));
        var fc = b.Single("linear", new() { { "x", x }, { "weight", Weight }, { "bias", Bias } }, "fc");
        var act = b.Single("relu", new() { { "x", fc } }, "act");
        var half = b.Single("cast", new() { { "x", act }, { "dtype", "fp16" } }, "half");
        var scaled = b.Single("mul", new() { { "x", half }, { "y", b.Const(Scale, "scale") } }, "scaled");
        var shifted = b.Single("add", new() { { "x", scaled }, { "y", b.Const(Scale, "shift") } }, "shifted");
        var damped = b.Single("mul", new() { { "x", shifted }, { "y", Tensor.Scalar((Half)0.5f) } }, "damped");
        var back = b.Single("cast", new() { { "x", damped }, { "dtype", "fp32" } }, "back");
        var picked = b.Single("gather", new() { { "x", back }, { "indices", Indices }, { "axis", 1 } }, "picked");
        var probs = b.Single("softmax", new() { { "x", picked } }, "probs");
        main.Body.AddOutput(probs);
        main.Body.AddOutput(back);
        program.BuildInfo["milforge-version"] = "test";
        return program;
    }

    /// <summary>x fp32[1, 4] → linear (weight [3, 4]: a blob; bias [3]: immediate) → relu.</summary>
    public static MilProgram Tiny()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var b = new MilBuilder(program.Main.Body);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4));
        var fc = b.Single("linear", new() { { "x", x }, { "weight", TestTensors.Uniform(5, [3, 4]) }, { "bias", new[] { 0.5f, -0.25f, 1f } } }, "fc");
        program.Main.Body.AddOutput(b.Single("relu", new() { { "x", fc } }, "y"));
        return program;
    }
}
