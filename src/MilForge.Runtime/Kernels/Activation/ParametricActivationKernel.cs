using System.Buffers;
using MilForge.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MilForge.Runtime.Kernels.Activation;

/// <summary>Activations with scalar parameters alpha (and beta), computed in double and rounded once.</summary>
internal sealed class ParametricActivationKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["leaky_relu", "elu", "thresholded_relu", "sigmoid_hard", "clip", "linear_activation", "scaled_tanh", "clamped_relu"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var input = context.Input("x");
        if (context.Op.Type == "clip")
        {
            var (low, high) = (context.Float("alpha", 0), context.Float("beta", 0));
            return input.DataType == DataType.Float16 && context.OutputType() == DataType.Float16
                ? [ClipHalves(input, low, high)]
                : [context.Output(Clip(input.AsFloats(), low, high), input.ShapeArray())];
        }
        var x = input.AsFloats();
        double alpha = context.Float("alpha", 0);
        double beta = context.Float("beta", 0);
        Func<double, double> f = context.Op.Type switch
        {
            "leaky_relu" => v => v >= 0 ? v : alpha * v,
            "elu" => v => v > 0 ? v : alpha * (Math.Exp(v) - 1),
            "thresholded_relu" => v => v >= alpha ? v : 0,
            "sigmoid_hard" => v => Math.Min(Math.Max((alpha * v) + beta, 0), 1),
            "clip" => v => double.IsNaN(v) ? v : Math.Min(Math.Max(v, alpha), beta),
            "linear_activation" => v => (alpha * v) + beta,
            "clamped_relu" => v => Math.Min(beta, v >= 0 ? v : alpha * v),
            _ => v => alpha * Math.Tanh(beta * v),
        };
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = f(x[i]);
        }
        return [context.Output(result, input.ShapeArray())];
    }

    /// <summary>
    /// min(max(x, alpha), beta) in float: the result is one of its operands, so float is exact and gives what the
    /// double formula gives (NaN stays NaN, as MathF.Max/Min propagate it).
    /// </summary>
    private static float[] Clip(float[] x, float alpha, float beta)
    {
        var result = new float[x.Length];
        ClipInto(x, alpha, beta, result);
        return result;
    }

    private static void ClipInto(ReadOnlySpan<float> x, float alpha, float beta, Span<float> result)
    {
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = MathF.Min(MathF.Max(x[i], alpha), beta);
        }
    }

    /// <summary>The same clip on fp16 storage, widened into a pooled buffer and rounded once into the result.</summary>
    private static Tensor ClipHalves(Tensor input, float alpha, float beta)
    {
        var halves = input.Storage<Half>();
        var buffer = ArrayPool<float>.Shared.Rent(halves.Length);
        try
        {
            var floats = buffer.AsSpan(0, halves.Length);
            TensorPrimitives.ConvertToSingle(halves, floats);
            ClipInto(floats, alpha, beta, floats);
            var result = new Half[halves.Length];
            TensorPrimitives.ConvertToHalf(floats, result);
            return Tensor.Create(DataType.Float16, input.ShapeArray(), result);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
