using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Loop(M, cond, v_initial...) with a body (iteration_num, cond_in, carried...) → (cond_out, carried..., scan...).
/// A trip count known at import of at most <see cref="MaxUnrolled"/> is unrolled: the body is imported once per
/// iteration with iteration_num a constant; a cond that folds to false stops the unrolling, a run-time cond keeps a
/// running "still going" flag and selects between the new and the previous carried values (exact early exit).
/// Scan outputs are stacked along a new axis 0. Otherwise (a longer or run-time trip count, or scan outputs under a
/// run-time cond) the loop becomes MIL <c>while_loop</c> over (counter, cond, carried..., scan buffers...): scan
/// outputs are preallocated to the trip count and cut to the iterations run (<see cref="LoopScanOutputs"/>), so a
/// loop with scan outputs needs a trip count.
/// </summary>
[OnnxOp("Loop", 1, 11, 13, 16, 19, 21)]
internal sealed class Loop : IOnnxConverter
{
    /// <summary>The largest constant trip count that is unrolled; longer loops become while_loop.</summary>
    private const long MaxUnrolled = 256;

    public void Convert(OnnxNodeContext context)
    {
        var body = context.Attributes.Graph("body") ?? throw context.Unsupported("the body attribute is missing");
        var carried = Enumerable.Range(2, Math.Max(0, context.InputCount - 2)).Select(context.Input).ToList();
        if (body.Input.Count != carried.Count + 2)
        {
            throw context.Unsupported($"the body takes {body.Input.Count} inputs for {carried.Count} loop-carried values (expected {carried.Count + 2})");
        }
        var scanCount = body.Output.Count - 1 - carried.Count;
        if (scanCount < 0)
        {
            throw context.Unsupported($"the body returns {body.Output.Count} values for {carried.Count} loop-carried values");
        }
        var tripCount = context.OptionalInput(0);
        var condition = context.OptionalInput(1);
        var knownTrips = tripCount?.ConstantValue is { Length: 1 } m ? m.GetLong(0) : (long?)null;
        var unrolled = knownTrips is { } trips && trips <= MaxUnrolled
            ? Unroll(context, body, Math.Max(0, trips), condition, [.. carried], scanCount)
            : null;
        var outputs = unrolled ?? AsWhileLoop(context, body, tripCount, condition, carried, scanCount);
        for (var i = 0; i < context.OutputCount && i < outputs.Count; i++)
        {
            if (context.HasOutput(i))
            {
                context.SetOutput(i, outputs[i]);
            }
        }
    }

    /// <summary>The unrolled loop's outputs, or null when scan outputs meet a run-time cond (the ops built so far are dead).</summary>
    private static List<Value>? Unroll(OnnxNodeContext context, Graph body, long trips, Value? condition, List<Value> carried, int scanCount)
    {
        var going = condition is null ? context.Const(Numerics.Tensor.Scalar(true), "cond") : Scalar(context, condition, "cond");
        var scans = Enumerable.Range(0, scanCount).Select(_ => new List<Value>()).ToList();
        var iterations = 0L;
        for (var i = 0; i < trips && !IsFalse(going); i++, iterations++)
        {
            var iteration = context.Const(Numerics.Tensor.Scalar((int)i), $"iter{i}");
            var results = context.ImportSubgraph(body, context.Builder, [iteration, going, .. carried]);
            var runtimeGuard = going.ConstantValue is null;
            if (runtimeGuard && scanCount > 0)
            {
                return null;
            }
            for (var k = 0; k < carried.Count; k++)
            {
                var next = results[1 + k];
                if (runtimeGuard)
                {
                    if (!next.Type.Equals(carried[k].Type))
                    {
                        throw context.Unsupported($"loop-carried value {k} changes type from {carried[k].Type} to {next.Type} under a run-time cond");
                    }
                    next = context.Op("select", new() { { "cond", going }, { "a", next }, { "b", carried[k] } }, $"{context.OutputName()}_v{k}_iter{i}");
                }
                carried[k] = next;
            }
            for (var k = 0; k < scanCount; k++)
            {
                scans[k].Add(results[1 + carried.Count + k]);
            }
            var condOut = Scalar(context, results[0], $"cond_iter{i}");
            going = runtimeGuard ? context.Op("logical_and", new() { { "x", going }, { "y", condOut } }, $"{context.OutputName()}_going{i}") : condOut;
        }
        if (scanCount > 0 && iterations == 0)
        {
            throw context.Unsupported("a loop with scan outputs that runs zero times has outputs of unknown shape");
        }
        var outputs = new List<Value>(carried);
        for (var k = 0; k < scanCount; k++)
        {
            outputs.Add(context.Op("stack", new() { { "values", scans[k].ToArray() }, { "axis", 0 } }, context.OutputName(carried.Count + k)));
        }
        return outputs;
    }

    private static List<Value> AsWhileLoop(OnnxNodeContext context, Graph body, Value? tripCount, Value? condition, List<Value> carried, int scanCount)
    {
        if (scanCount > 0 && tripCount is null)
        {
            throw new Diagnostics.DiagnosticException(Diagnostics.DiagnosticCodes.OnnxNotConstant,
                $"Node '{context.Name}' ({context.OpType}): a loop with scan outputs needs a trip count (its scan outputs are preallocated to it).", context.Origin);
        }
        if (tripCount is null && condition is null)
        {
            throw context.Unsupported("a loop with neither a trip count nor a cond never ends");
        }
        var limit = tripCount is null ? null : Scalar(context, tripCount, "trip_count");
        var counter = context.Const(Numerics.Tensor.Scalar(0), "counter");
        var cond = condition is null ? context.Const(Numerics.Tensor.Scalar(true), "cond") : Scalar(context, condition, "cond");
        var name = context.OutputName();
        var buffers = scanCount == 0 ? []
            : LoopScanOutputs.Allocate(context, LoopScanOutputs.Probe(context, [counter, cond, .. carried],
                (b, vars) => context.ImportSubgraph(body, b, vars).Skip(1 + carried.Count).Take(scanCount)), limit!);
        var finals = context.Builder.WhileLoop([counter, cond, .. carried, .. buffers],
            (b, vars) =>
            {
                if (limit is null)
                {
                    return vars[1];
                }
                var below = b.Single("less", new() { { "x", vars[0] }, { "y", limit } }, $"{name}_below");
                return condition is null ? below : b.Single("logical_and", new() { { "x", below }, { "y", vars[1] } }, $"{name}_continue");
            },
            (b, vars) =>
            {
                var results = context.ImportSubgraph(body, b, [.. vars.Take(2 + carried.Count)]);
                b.Origin = context.Origin;
                var next = b.Single("add", new() { { "x", vars[0] }, { "y", 1 } }, $"{name}_next_counter");
                var condOut = results[0].Shape.Rank == 0 ? results[0]
                    : b.Single("reshape", new() { { "x", results[0] }, { "shape", Numerics.Tensor.Create(Array.Empty<int>(), 0) } }, $"{name}_cond_out");
                var written = LoopScanOutputs.Write(b, name, [.. vars.Skip(2 + carried.Count)], [.. Enumerable.Repeat(vars[0], scanCount)], [.. results.Skip(1 + carried.Count).Take(scanCount)]);
                return [next, condOut, .. results.Skip(1).Take(carried.Count), .. written];
            },
            name);
        var earlyExit = condition is not null && !(condition.ConstantValue is { Length: 1 } c && c.GetLong(0) != 0 && BodyKeepsCond(body));
        return [.. finals.Skip(2).Take(carried.Count),
            .. LoopScanOutputs.Finish(context, [.. finals.Skip(2 + carried.Count)], finals[0], earlyExit, carried.Count)];
    }

    /// <summary>Whether the body's cond output is its cond input passed through (a constant-true cond then never ends the loop early).</summary>
    private static bool BodyKeepsCond(Graph body) =>
        body.Output[0].Name == body.Input[1].Name
        || body.Node.Any(n => n.OpType == "Identity" && n.Input.Count == 1 && n.Input[0] == body.Input[1].Name && n.Output[0] == body.Output[0].Name);

    private static bool IsFalse(Value flag) => flag.ConstantValue is { Length: 1 } c && c.GetLong(0) == 0;

    private static Value Scalar(OnnxNodeContext context, Value value, string suffix)
    {
        if (value.Shape.ElementCount is not 1)
        {
            throw context.Unsupported($"{suffix} must hold one element, it is {value.Type}");
        }
        return value.Shape.Rank == 0 ? value
            : context.Op("reshape", new() { { "x", value }, { "shape", Numerics.Tensor.Create(Array.Empty<int>(), 0) } }, $"{context.OutputName()}_{suffix}");
    }
}
