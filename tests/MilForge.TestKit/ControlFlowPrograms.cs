using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;

namespace MilForge.TestKit;

/// <summary>Small MIL programs with nested blocks, and what they compute, for the IR, package, pass and interpreter tests.</summary>
public static class ControlFlowPrograms
{
    /// <summary>
    /// The coremltools <c>control_flow</c> fixture rebuilt with the builder: x [1, 4, 6];
    /// y = sum(x) &gt; 0 ? 2x : x − 1 (a cond); then acc [1, 4] = 0 and for i in 0..5: acc = 0.5·acc + y[:, :, i]
    /// (a while_loop over (i, acc) slicing y with dynamic bounds). Returns acc as <c>out</c>.
    /// </summary>
    public static MilProgram Fixture(DeploymentTarget target = DeploymentTarget.iOS16)
    {
        var program = MilProgram.WithMain(target);
        var main = program.Main;
        var x = main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4, 6));
        var b = new MilBuilder(main.Body) { Origin = new Origin("/If", "If") };
        var sum = b.Single("reduce_sum", new() { { "x", x }, { "keep_dims", false } }, "total");
        var positive = b.Single("greater", new() { { "x", sum }, { "y", 0f } }, "positive");
        var y = b.Cond(positive,
            t => [t.Single("mul", new() { { "x", x }, { "y", 2f } }, "doubled")],
            f => [f.Single("sub", new() { { "x", x }, { "y", 1f } }, "shifted")], "y")[0];
        b.Origin = new Origin("/Loop", "Loop");
        var start = b.Const(Tensor.Scalar(0), "i0");
        var zeros = b.Const(Tensor.Create(new float[4], 1, 4), "acc0");
        var results = b.WhileLoop([start, zeros],
            (c, vars) => c.Single("less", new() { { "x", vars[0] }, { "y", 6 } }, "more"),
            (body, vars) =>
            {
                var (i, acc) = (vars[0], vars[1]);
                var next = body.Single("add", new() { { "x", i }, { "y", 1 } }, "i_next");
                var begin = body.Single("concat", new() { { "values", new[] { body.Const(Tensor.Scalar(0)), body.Const(Tensor.Scalar(0)), i } }, { "axis", 0 } }, "begin");
                var end = body.Single("concat", new() { { "values", new[] { body.Const(Tensor.Scalar(1)), body.Const(Tensor.Scalar(4)), next } }, { "axis", 0 } }, "end");
                var column = body.Single("slice_by_index", new()
                {
                    { "x", y }, { "begin", begin }, { "end", end },
                    { "end_mask", new[] { true, true, false } }, { "squeeze_mask", new[] { false, false, true } },
                }, "column");
                var half = body.Single("mul", new() { { "x", acc }, { "y", 0.5f } }, "half");
                return [next, body.Single("add", new() { { "x", half }, { "y", column } }, "acc_next")];
            }, "loop");
        main.Body.AddOutput(results[1]);
        main.Rename(results[1], "out");
        return program;
    }

    /// <summary>What <see cref="Fixture"/> computes, in double.</summary>
    public static float[] FixtureReference(Tensor x)
    {
        var v = x.AsDoubles();
        var positive = v.Sum() > 0;
        var acc = new double[4];
        for (var i = 0; i < 6; i++)
        {
            for (var c = 0; c < 4; c++)
            {
                var y = positive ? 2 * v[(c * 6) + i] : v[(c * 6) + i] - 1;
                acc[c] = (0.5 * acc[c]) + y;
            }
        }
        return [.. acc.Select(a => (float)a)];
    }

    /// <summary>
    /// A loop whose variable grows: v [1] = x; while v has fewer than <c>limit</c> elements: v = concat(v, v + 1).
    /// The loop variable's dim changes across iterations, so it is symbolic in the loop's blocks and output.
    /// </summary>
    public static MilProgram Growing(int limit)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var main = program.Main;
        var x = main.AddInput("x", TensorType.Of(DataType.Float32, 1));
        var b = new MilBuilder(main.Body);
        var results = b.WhileLoop([x],
            (c, vars) =>
            {
                var shape = c.Single("shape", new() { { "x", vars[0] } }, "len");
                var count = c.Single("reduce_prod", new() { { "x", shape }, { "keep_dims", false } }, "count");
                return c.Single("less", new() { { "x", count }, { "y", limit } }, "short");
            },
            (body, vars) =>
            {
                var plus = body.Single("add", new() { { "x", vars[0] }, { "y", 1f } }, "plus");
                return [body.Single("concat", new() { { "values", new[] { vars[0], plus } }, { "axis", 0 } }, "grown")];
            }, "grow");
        main.Body.AddOutput(results[0]);
        main.Rename(results[0], "out");
        return program;
    }
}
