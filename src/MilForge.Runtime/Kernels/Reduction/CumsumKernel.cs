using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Reduction;

/// <summary>
/// <c>cumsum</c>: running sums along an axis in double (or rounded to binary16 as they form under fp16
/// accumulation), each output rounded once to the output type; exclusive leaves each element out of its own sum.
/// </summary>
internal sealed class CumsumKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["cumsum"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var shape = xt.ShapeArray();
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), shape.Length);
        var exclusive = context.Bool("exclusive", false);
        var reverse = context.Bool("reverse", false);
        var length = shape[axis];
        var inner = Broadcasting.Product(shape.AsSpan(axis + 1));
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var x = xt.AsDoubles();
        var y = new double[x.Length];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var sum = 0.0;
                for (var step = 0; step < length; step++)
                {
                    var j = reverse ? length - 1 - step : step;
                    var at = (((o * length) + j) * inner) + i;
                    if (exclusive)
                    {
                        y[at] = sum;
                        sum = context.Accumulate(sum, x[at]);
                    }
                    else
                    {
                        sum = context.Accumulate(sum, x[at]);
                        y[at] = sum;
                    }
                }
            }
        }
        return [context.OutputType().IsFloat() ? context.Output(y, shape) : Tensor.FromDoubles(y, shape, context.OutputType())];
    }
}
