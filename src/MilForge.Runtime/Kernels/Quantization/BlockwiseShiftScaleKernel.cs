using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary><c>constexpr_blockwise_shift_scale</c>: <c>scale[block] * (data - offset[block])</c>, computed in float.</summary>
internal sealed class BlockwiseShiftScaleKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["constexpr_blockwise_shift_scale"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var data = context.Input("data");
        var scaleTensor = context.Input("scale");
        var shape = data.ShapeArray();
        var blocks = BlockIndex.Map(shape, scaleTensor.ShapeArray());
        var scale = scaleTensor.AsFloats();
        var offset = context.OptionalInput("offset")?.AsFloats();
        var values = data.AsFloats();
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var b = blocks[i];
            result[i] = scale[b] * (offset is null ? values[i] : values[i] - offset[b]);
        }
        return [context.Output(result, shape)];
    }
}
