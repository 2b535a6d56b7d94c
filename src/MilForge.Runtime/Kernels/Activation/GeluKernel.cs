using MilForge.Numerics;
using MilForge.Runtime.Kernels.Elementwise;

namespace MilForge.Runtime.Kernels.Activation;

/// <summary><c>gelu</c> in its three modes, and <c>prelu</c> (per-channel alpha on dim 1).</summary>
internal sealed class GeluKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["gelu", "prelu"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        var x = input.AsFloats();
        var result = new double[x.Length];
        if (context.Op.Type == "prelu")
        {
            var alpha = context.Input("alpha").AsFloats();
            var channels = input.Shape[1];
            var inner = x.Length / Math.Max(1, input.Shape[0] * channels);
            for (var i = 0; i < x.Length; i++)
            {
                var c = i / inner % channels;
                result[i] = x[i] >= 0 ? x[i] : (double)alpha[c] * x[i];
            }
            return [context.Output(result, input.ShapeArray())];
        }
        var mode = context.String("mode", "EXACT");
        for (var i = 0; i < x.Length; i++)
        {
            double v = x[i];
            result[i] = mode switch
            {
                "TANH_APPROXIMATION" => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v)))),
                "SIGMOID_APPROXIMATION" => v / (1 + Math.Exp(-1.702 * v)),
                _ => 0.5 * v * (1 + ErfMath.Erf(v / Math.Sqrt(2))),
            };
        }
        return [context.Output(result, input.ShapeArray())];
    }
}
