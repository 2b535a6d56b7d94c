using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary><c>select(cond, a, b)</c> with broadcasting of all three inputs.</summary>
internal sealed class SelectKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["select"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var cond = context.Input("cond");
        var a = context.Input("a");
        var b = context.Input("b");
        var shape = Broadcasting.TryBroadcast(a.Shape.AsSpan(), b.Shape.AsSpan()) is { } ab ? Broadcasting.TryBroadcast(cond.Shape.AsSpan(), ab) : null;
        if (shape is null)
        {
            throw context.Error("cond, a and b do not broadcast");
        }
        var c = cond.Storage<bool>();
        var ci = Broadcasting.IndexMap(cond.Shape.AsSpan(), shape);
        var ai = Broadcasting.IndexMap(a.Shape.AsSpan(), shape);
        var bi = Broadcasting.IndexMap(b.Shape.AsSpan(), shape);
        // Concatenate a and b into one source so a single gather picks from either.
        var both = TensorGather.Concat([a.Reshape([a.Length]), b.Reshape([b.Length])], 0, [a.Length + b.Length]);
        var map = new int[ci.Length];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = c[ci[i]] ? ai[i] : a.Length + bi[i];
        }
        return [TensorGather.Take(both, map, shape)];
    }
}
