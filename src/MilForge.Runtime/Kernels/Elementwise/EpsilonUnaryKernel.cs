using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary>
/// <c>log</c>, <c>rsqrt</c> and <c>inverse</c>: g(x + epsilon). The sum is rounded to the op's float type (as the
/// device adds in that type) before g is applied in double and rounded once more.
/// </summary>
internal sealed class EpsilonUnaryKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["log", "rsqrt", "inverse"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        var x = input.AsFloats();
        var epsilon = (double)context.Float("epsilon", context.Op.Type switch { "log" => 1e-45f, "rsqrt" => 1e-12f, _ => 1e-4f });
        Func<double, double> g = context.Op.Type switch
        {
            "log" => Math.Log,
            "rsqrt" => v => 1 / Math.Sqrt(v),
            _ => v => 1 / v,
        };
        var half = context.OutputType() == DataType.Float16;
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var sum = half ? (double)(Half)(x[i] + epsilon) : (float)(x[i] + epsilon);
            result[i] = g(sum);
        }
        return [context.Output(result, input.ShapeArray())];
    }
}
