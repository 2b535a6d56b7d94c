using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Activation;

/// <summary>
/// <c>softmax(x, axis)</c>: exp(x − max) / Σ exp(x − max) along axis. The sum follows the accumulation policy;
/// the result is rounded once to the output type.
/// </summary>
internal sealed class SoftmaxKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["softmax"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        var x = input.AsFloats();
        var shape = input.ShapeArray();
        var axis = Shape.NormalizeAxis(context.Int("axis", -1), shape.Length);
        var n = shape[axis];
        var inner = Broadcasting.Product(shape.AsSpan(axis + 1));
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var result = new double[x.Length];
        var e = new double[n];
        for (var o = 0; o < outer; o++)
        {
            for (var k = 0; k < inner; k++)
            {
                var baseIndex = (o * n * inner) + k;
                var max = double.NegativeInfinity;
                for (var j = 0; j < n; j++)
                {
                    max = Math.Max(max, x[baseIndex + (j * inner)]);
                }
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    e[j] = Math.Exp(x[baseIndex + (j * inner)] - max);
                    sum = context.Accumulate(sum, e[j]);
                }
                for (var j = 0; j < n; j++)
                {
                    result[baseIndex + (j * inner)] = e[j] / sum;
                }
            }
        }
        return [context.Output(result, shape)];
    }
}
