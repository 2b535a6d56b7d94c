using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>The new rearrange, local-norm and crop_resize ops survive the FP16 pass and stay close to FP32.</summary>
public class RearrangeFp16Tests
{
    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS17)]
    public void Fp16ProgramMatchesFp32(DeploymentTarget target)
    {
        var x = Tensor.FromDoubles([.. Enumerable.Range(0, 128).Select(i => Math.Sin(i * 0.37) * 2)], [1, 8, 4, 4], DataType.Float32);
        var fp32 = Build(target);
        var fp16 = Build(target);
        new Fp16ComputePass().Run(fp16);
        var feeds = new Dictionary<string, Tensor> { ["x"] = x };
        var expected = new MilInterpreter().Run(fp32, feeds)["y"];
        var actual = new MilInterpreter().Run(fp16, feeds)["y"];
        Assert.Equal(DataType.Float16, actual.DataType);
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.AsFloats(), actual.AsFloats());
        Assert.All(Enumerable.Range(0, e.Length), i => Assert.InRange(a[i] - e[i], -2e-3f, 2e-3f));
    }

    private static MilProgram Build(DeploymentTarget target)
    {
        var program = MilProgram.WithMain(target);
        var b = new MilBuilder(program.Main.Body);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 8, 4, 4));
        var margins = Tensor.Create(new[] { 0, 0, 1, 1 }, 2, 2);
        var deep = b.Single("depth_to_space", new() { { "x", x }, { "block_size", 2 } });
        var flat = b.Single("space_to_depth", new() { { "x", deep }, { "block_size", 2 } });
        var batched = b.Single("space_to_batch", new() { { "x", flat }, { "block_shape", new[] { 2, 2 } }, { "paddings", margins } });
        var spaced = b.Single("batch_to_space", new() { { "x", batched }, { "block_shape", new[] { 2, 2 } }, { "crops", margins } });
        var mirrored = b.Single("reverse", new() { { "x", spaced }, { "axes", new[] { -1, 1 } } });
        var unit = b.Single("l2_norm", new() { { "x", mirrored } });
        var lrn = b.Single("local_response_norm", new() { { "x", unit }, { "size", 3 }, { "alpha", Tensor.FromFloats([0.5f], [], DataType.Float32) } });
        OpArgs crop = target >= DeploymentTarget.iOS17
            ? new() { { "x", lrn }, { "boxes", Tensor.FromFloats([0.5f, 0, 2.5f, 3], [1, 4], DataType.Float32) } }
            : new() { { "x", lrn }, { "roi", Tensor.FromFloats([0.5f, 0, 2.5f, 3], [1, 1, 4, 1, 1], DataType.Float32) } };
        crop.Add("target_height", 3);
        crop.Add("target_width", 3);
        program.Main.Body.AddOutput(b.Single("crop_resize", crop, "y"));
        return program;
    }
}
