using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// A chain of clamped_relu, threshold, softplus_parametric, slice_update, sliding_windows and
/// scaled_dot_product_attention survives the FP16 pass: it still verifies, runs in fp16 and stays near the fp32 result.
/// </summary>
public class CoverageOpsFp16Tests
{
    private static MilProgram Program()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS18);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, Shape.Of(1, 2, 6)));
        var b = new MilBuilder(program.Main.Body);
        var clamped = b.Single("clamped_relu", new() { { "x", x }, { "alpha", 0.1f }, { "beta", 1.5f } });
        var bounded = b.Single("threshold", new() { { "x", clamped }, { "alpha", -0.05f } });
        var soft = b.Single("softplus_parametric", new() { { "x", bounded }, { "alpha", new[] { 1f, 2f } }, { "beta", new[] { 0.5f, 1f } } });
        var updated = b.Single("slice_update", new()
        {
            { "x", soft }, { "update", b.Const(Tensor.Create(new[] { 0.25f, 0.75f }, 1, 1, 2)) }, { "begin", new[] { 0, 1, 1 } }, { "end", new[] { 1, 2, 3 } },
        });
        var windows = b.Single("sliding_windows", new() { { "x", updated }, { "axis", 2 }, { "size", 3 }, { "stride", 3 } });
        var q = b.Single("reshape", new() { { "x", windows }, { "shape", new[] { 1, 4, 3 } } });
        var attention = b.Single("scaled_dot_product_attention", new()
        {
            { "query", q }, { "key", q }, { "value", q }, { "attn_mask", b.Const(Tensor.Create(new[] { 0f, -1f, 0.5f, 0f }, 4)) },
        }, "y");
        program.Main.Body.AddOutput(attention);
        return program;
    }

    [Fact]
    public void Fp16ResultStaysNearFp32()
    {
        var feeds = new Dictionary<string, Tensor> { ["x"] = Tensor.Create(new[] { -2f, -0.3f, 0f, 0.4f, 1f, 3f, 0.7f, -1f, 2f, 0.1f, -0.6f, 1.2f }, 1, 2, 6) };
        var expected = new MilInterpreter().Run(Program(), feeds)["y"].AsFloats();
        var fp16 = Program();
        Assert.True(new Fp16ComputePass().Run(fp16));
        var actual = new MilInterpreter().Run(fp16, feeds)["y"];
        Assert.Equal(expected.Length, actual.Length);
        var values = actual.AsFloats();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(values[i], expected[i] - 0.01f, expected[i] + 0.01f);
        }
    }
}
