using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary><c>threshold</c>: max(x, alpha), exact in float for fp16/fp32 (NaN stays NaN) and in integers for int32.</summary>
internal sealed class ThresholdKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["threshold"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        var alphaTensor = context.Input("alpha");
        if (input.DataType == DataType.Int32)
        {
            var ints = input.AsLongs();
            var bound = alphaTensor.GetLong(0);
            var longs = new long[ints.Length];
            for (var i = 0; i < ints.Length; i++)
            {
                longs[i] = Math.Max(ints[i], bound);
            }
            return [Tensor.FromLongs(longs, input.ShapeArray(), DataType.Int32)];
        }
        var x = input.AsFloats();
        var alpha = (float)alphaTensor.GetDouble(0);
        var result = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = MathF.Max(x[i], alpha);
        }
        return [context.Output(result, input.ShapeArray())];
    }
}
