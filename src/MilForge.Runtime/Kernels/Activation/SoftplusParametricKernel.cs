using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Activation;

/// <summary><c>softplus_parametric</c>: alpha[c]·ln(1 + e^(beta[c]·x)) per channel c on dim 1, in double, rounded once.</summary>
internal sealed class SoftplusParametricKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["softplus_parametric"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        var x = input.AsFloats();
        var alpha = context.Input("alpha").AsFloats();
        var beta = context.Input("beta").AsFloats();
        var channels = input.Shape[1];
        var inner = x.Length / Math.Max(1, input.Shape[0] * channels);
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var c = i / inner % channels;
            var z = (double)beta[c] * x[i];
            // ln(1 + e^z) without overflow: max(z, 0) + ln(1 + e^-|z|).
            result[i] = alpha[c] * (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
        }
        return [context.Output(result, input.ShapeArray())];
    }
}
