using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>fill_like</c> (value broadcast to ref_tensor's shape) and <c>reshape_like</c> (x reshaped to the output shape,
/// which the op's definition requires to be known when it is built).
/// </summary>
internal sealed class LikeKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["fill_like", "reshape_like"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        if (context.Op.Type == "fill_like")
        {
            var shape = context.Input("ref_tensor").ShapeArray();
            var value = context.OptionalInput("value") ?? Tensor.Scalar(0f);
            return [TensorGather.Take(value.CastTo(context.OutputType()), new int[Broadcasting.Product(shape)], shape)];
        }
        var x = context.Input("x");
        var target = context.Op.Outputs[0].TensorType.Shape.ToStatic();
        return Broadcasting.Product(target) == x.Length
            ? [x.Reshape(target)]
            : throw context.Error($"cannot reshape [{string.Join(",", x.Shape)}] to [{string.Join(",", target)}]");
    }
}
