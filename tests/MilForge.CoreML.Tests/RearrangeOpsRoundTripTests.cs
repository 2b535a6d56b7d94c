using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>
/// depth_to_space, space_to_depth, space_to_batch, batch_to_space, reverse, l2_norm, local_response_norm and
/// crop_resize (roi and boxes forms) survive writing and reading a package with their parameters intact.
/// </summary>
public class RearrangeOpsRoundTripTests
{
    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS17)]
    public void NewOpsReadBackToTheSameProgram(DeploymentTarget target)
    {
        var program = MilProgram.WithMain(target);
        var b = new MilBuilder(program.Main.Body);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 8, 4, 4));
        var margins = Tensor.Create(new[] { 0, 0, 1, 1 }, 2, 2);
        var deep = b.Single("depth_to_space", new() { { "x", x }, { "block_size", 2 } }, "d2s");
        var flat = b.Single("space_to_depth", new() { { "x", deep }, { "block_size", 2 } }, "s2d");
        var batched = b.Single("space_to_batch", new() { { "x", flat }, { "block_shape", new[] { 2, 2 } }, { "paddings", margins } }, "s2b");
        var spaced = b.Single("batch_to_space", new() { { "x", batched }, { "block_shape", new[] { 2, 2 } }, { "crops", margins } }, "b2s");
        var mirrored = b.Single("reverse", new() { { "x", spaced }, { "axes", new[] { -1, 1 } } }, "rev");
        var unit = b.Single("l2_norm", new() { { "x", mirrored }, { "epsilon", Tensor.FromFloats([1e-3f], [], DataType.Float32) } }, "l2");
        var lrn = b.Single("local_response_norm", new() { { "x", unit }, { "size", 3 }, { "beta", Tensor.FromFloats([0.5f], [], DataType.Float32) } }, "lrn");
        OpArgs crop = target >= DeploymentTarget.iOS17
            ? new() { { "x", lrn }, { "boxes", Tensor.FromFloats([0, 0, 2, 3], [1, 4], DataType.Float32) }, { "box_indices", Tensor.Vector(0) }, { "pad_value", Tensor.FromFloats([1f], [], DataType.Float32) } }
            : new() { { "x", lrn }, { "roi", Tensor.FromFloats([0, 0, 0, 2, 3], [1, 1, 5, 1, 1], DataType.Float32) } };
        crop.Add("target_height", 2);
        crop.Add("target_width", 3);
        crop.Add("sampling_mode", "OFFSET_CORNERS");
        crop.Add("box_coordinate_mode", "CORNERS_WIDTH_FIRST");
        program.Main.Body.AddOutput(b.Single("crop_resize", crop, "crop"));
        using var dir = new TempDir();
        MlPackageWriter.Write(program, dir["m.mlpackage"]);
        var model = MlPackageReader.Read(dir["m.mlpackage"]);
        Assert.Equal(RoundTripTests.Printer.Print(program), RoundTripTests.Printer.Print(model.Program));
    }
}
