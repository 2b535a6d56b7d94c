using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Scan outputs of a Loop that runs as MIL while_loop: each is a loop variable preallocated to the trip count
/// ([M, ...elem], zeros), written at the counter by <c>scatter</c> (mode update) every iteration, and cut to the
/// iterations that ran (<c>slice_by_size</c> to the final counter) when a cond can end the loop early. The element
/// types come from a probe: the body is imported once into a while_loop that is never inserted. Scan uses the
/// same buffers for its scan outputs.
/// </summary>
internal static class LoopScanOutputs
{
    /// <summary>
    /// The types of the body's scan outputs for the given loop variables: <paramref name="scanOutputs"/> imports the
    /// body into the probe's body block and returns its scan output values.
    /// </summary>
    public static List<TensorType> Probe(OnnxNodeContext context, IReadOnlyList<Value> loopVars, Func<MilBuilder, IReadOnlyList<Value>, IEnumerable<Value>> scanOutputs)
    {
        try
        {
            context.Builder.WhileLoop(loopVars, (b, _) => b.Const(Tensor.Scalar(true), $"{context.OutputName()}_probe_cond"),
                (b, vars) => throw new Probed([.. scanOutputs(b, vars).Select(r => r.Type)]), $"{context.OutputName()}_probe");
        }
        catch (Probed p)
        {
            context.Builder.Origin = context.Origin;
            return [.. p.Types.Select((t, k) => t is TensorType { Shape.IsStatic: true, DataType: DataType.Float32 or DataType.Float16 or DataType.Int32 } tensor ? tensor
                : throw context.Unsupported($"scan output {k} of a loop run as while_loop must be an fp32, fp16 or int32 tensor of static shape, it is {t}"))];
        }
        throw new InvalidOperationException("The loop body probe did not run.");
    }

    /// <summary>One zero-filled buffer [max(M, 0), ...elem] per scan output.</summary>
    public static List<Value> Allocate(OnnxNodeContext context, IReadOnlyList<TensorType> types, Value limit)
    {
        var name = context.OutputName();
        var rows = context.Op("expand_dims", new() { { "x", context.Op("maximum", new() { { "x", limit }, { "y", 0 } }, $"{name}_rows") }, { "axes", new[] { 0 } } }, $"{name}_rows_vector");
        return [.. types.Select((t, k) =>
        {
            var shape = context.Op("concat", new() { { "values", new[] { rows, context.Const(Tensor.Vector(t.Shape.ToStatic()), $"scan{k}_elem_shape") } }, { "axis", 0 } }, $"{name}_scan{k}_shape");
            return context.Op("fill", new() { { "shape", shape }, { "value", context.Const(Tensor.Zeros(t.DataType, []), $"scan{k}_zero") } }, $"{name}_scan{k}_buffer");
        })];
    }

    /// <summary>The buffers with this iteration's scan output values written at their rows.</summary>
    public static List<Value> Write(MilBuilder b, string name, IReadOnlyList<Value> buffers, IReadOnlyList<Value> rows, IReadOnlyList<Value> values)
    {
        return [.. buffers.Select((buffer, k) =>
        {
            var row = b.Single("expand_dims", new() { { "x", rows[k] }, { "axes", new[] { 0 } } }, $"{name}_scan{k}_row");
            var update = b.Single("expand_dims", new() { { "x", values[k] }, { "axes", new[] { 0 } } }, $"{name}_scan{k}_update");
            return b.Single("scatter", new() { { "data", buffer }, { "indices", row }, { "updates", update }, { "axis", 0 }, { "mode", "update" } }, $"{name}_scan{k}_written");
        })];
    }

    /// <summary>The final buffers, cut to the first <paramref name="count"/> rows when a cond may have ended the loop early.</summary>
    public static List<Value> Finish(OnnxNodeContext context, IReadOnlyList<Value> buffers, Value count, bool earlyExit, int firstOutput)
    {
        if (!earlyExit)
        {
            return [.. buffers];
        }
        var rows = context.Op("expand_dims", new() { { "x", count }, { "axes", new[] { 0 } } }, $"{context.OutputName()}_iterations");
        return [.. buffers.Select((buffer, k) =>
        {
            var rank = buffer.Shape.Rank;
            var size = context.Op("concat", new() { { "values", new[] { rows, context.Const(Tensor.Vector(Enumerable.Repeat(-1, rank - 1).ToArray()), $"scan{k}_rest") } }, { "axis", 0 } }, $"{context.OutputName()}_scan{k}_size");
            return context.Op("slice_by_size", new() { { "x", buffer }, { "begin", new int[rank] }, { "size", size } }, context.OutputName(firstOutput + k));
        })];
    }

    /// <summary>Carries the probed types out of the while_loop build (which then never inserts the probe).</summary>
    private sealed class Probed(IReadOnlyList<MilType> types) : Exception
    {
        public IReadOnlyList<MilType> Types { get; } = types;
    }
}
