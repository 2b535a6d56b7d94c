using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>
/// clamped_relu, threshold, softplus_parametric, fill_like, reshape_like (tuples of consts), slice_update,
/// sliding_windows and scaled_dot_product_attention are written to a package and read back unchanged.
/// </summary>
public class CoverageOpsRoundTripTests
{
    [Fact]
    public void NewOpsSurviveWriteAndRead()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS18);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, Shape.Of(1, 2, 6)));
        var b = new MilBuilder(program.Main.Body);
        var clamped = b.Single("clamped_relu", new() { { "x", x }, { "alpha", 0.1f }, { "beta", 6f } });
        var bounded = b.Single("threshold", new() { { "x", clamped }, { "alpha", -1f } });
        var soft = b.Single("softplus_parametric", new() { { "x", bounded }, { "alpha", new[] { 1f, 2f } }, { "beta", new[] { 0.5f, 1f } } });
        var filled = b.Single("fill_like", new() { { "ref_tensor", soft }, { "value", 2f } });
        var reshaped = b.Single("reshape_like", new()
        {
            { "x", filled }, { "ref_tensors", new[] { x } }, { "begins", new[] { b.Const(Tensor.Scalar(1)) } },
            { "ends", new[] { b.Const(Tensor.Scalar(0)) } }, { "end_masks", new[] { b.Const(Tensor.Scalar(true)) } },
        });
        var updated = b.Single("slice_update", new()
        {
            { "x", reshaped }, { "update", b.Const(Tensor.Create(new[] { 5f, 6f }, 1, 2)) }, { "begin", new[] { 0, 1 } }, { "end", new[] { 1, 3 } },
        });
        var windows = b.Single("sliding_windows", new() { { "x", updated }, { "axis", 1 }, { "size", 3 }, { "stride", 3 } });
        var q = b.Single("reshape", new() { { "x", windows }, { "shape", new[] { 1, 4, 3 } } });
        var attention = b.Single("scaled_dot_product_attention", new()
        {
            { "query", q }, { "key", q }, { "value", q }, { "attn_mask", b.Const(Tensor.Create(new[] { true, false, true, true }, 4)) },
        }, "y");
        program.Main.Body.AddOutput(attention);
        using var dir = new TempDir();
        MlPackageWriter.Write(program, dir["m.mlpackage"]);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal(RoundTripTests.Printer.Print(program), RoundTripTests.Printer.Print(model.Program));
    }
}
