using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Ops;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime.Tests;

public class InterpreterTests
{
    private sealed class Recorder : IInterpreterListener
    {
        public List<(string Hook, Operation Op, IReadOnlyList<Tensor> Inputs, IReadOnlyList<Tensor>? Outputs)> Calls { get; } = [];

        public void BeforeOp(Operation op, IReadOnlyList<Tensor> inputs) => Calls.Add(("before", op, inputs, null));

        public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Calls.Add(("after", op, inputs, outputs));
    }

    /// <summary>x [2, 3] → relu → (mul by const 2) → split in two along the last dim... returned as (a, b).</summary>
    private static (MilProgram Program, Function Main) Small(DeploymentTarget target = DeploymentTarget.iOS16, DataType type = DataType.Float32)
    {
        var program = MilProgram.WithMain(target);
        var main = program.Main;
        var b = new MilBuilder(main.Body);
        var x = main.AddInput("x", TensorType.Of(type, 2, 4));
        var r = b.Single("relu", new() { { "x", x } });
        var m = b.Single("mul", new() { { "x", r }, { "y", Tensor.FromFloats([2f], [], type) } });
        var parts = b.Build("split", new() { { "x", m }, { "num_splits", 2 }, { "axis", -1 } });
        main.Body.AddOutput(parts[1]);
        main.Body.AddOutput(parts[0]);
        return (program, main);
    }

    [Fact]
    public void ListenerSeesEveryOpInOrderWithItsTensors()
    {
        var (program, main) = Small();
        var x = TestTensors.Floats([2, 4], -1, 2, -3, 4, 5, -6, 7, -8);
        var recorder = new Recorder();
        var result = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = x }, new RunOptions { Listener = recorder });
        var ops = main.Body.Operations;
        Assert.Equal(2 * ops.Count, recorder.Calls.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            var (before, after) = (recorder.Calls[2 * i], recorder.Calls[(2 * i) + 1]);
            Assert.Equal(("before", ops[i]), (before.Hook, before.Op));
            Assert.Equal(("after", ops[i]), (after.Hook, after.Op));
            Assert.Same(before.Inputs, after.Inputs);
            Assert.Equal(ops[i].InputValues.Count(), before.Inputs.Count);
            Assert.Equal(ops[i].Outputs.Count, after.Outputs!.Count);
        }
        var relu = recorder.Calls.Single(c => c.Hook == "after" && c.Op.Type == "relu");
        Assert.Same(x, relu.Inputs[0]);
        Assert.Equal([0f, 2, 0, 4, 5, 0, 7, 0], relu.Outputs![0].AsFloats());
        var mul = recorder.Calls.Single(c => c.Hook == "before" && c.Op.Type == "mul");
        Assert.Same(relu.Outputs[0], mul.Inputs[0]);
        Assert.Equal([2f], mul.Inputs[1].AsFloats());
        var split = recorder.Calls.Single(c => c.Hook == "after" && c.Op.Type == "split");
        Assert.Same(split.Outputs![1], result[main.Body.Outputs[0].Name]);
        Assert.Same(split.Outputs[0], result[main.Body.Outputs[1].Name]);
        Assert.Equal([main.Body.Outputs[0].Name, main.Body.Outputs[1].Name], result.Keys);
        Assert.Equal([0f, 8, 14, 0], result[main.Body.Outputs[0].Name].AsFloats());
        Assert.Contains(recorder.Calls, c => c.Op.IsConst && c.Hook == "after" && c.Outputs![0].AsFloats()[0] == 2f);
    }

    [Fact]
    public void BadInputsAreRun4001()
    {
        var (program, _) = Small();
        var interpreter = new MilInterpreter();
        void Fails(Dictionary<string, Tensor> feeds, string fragment, RunOptions? options = null)
        {
            var e = Assert.Throws<DiagnosticException>(() => interpreter.Run(program, feeds, options));
            Assert.Equal(DiagnosticCodes.RunBadInput, e.Code);
            Assert.Contains(fragment, e.Message);
        }
        Fails([], "Input 'x' (fp32[2, 4]) is missing");
        Fails(new() { ["x"] = Tensor.Zeros(DataType.Float32, [2, 3]) }, "has shape [2, 3], the model declares (2, 4)");
        Fails(new() { ["x"] = Tensor.Zeros(DataType.Float32, [8]) }, "has shape [8]");
        Fails(new() { ["x"] = Tensor.Zeros(DataType.Float32, [2, 4]), ["y"] = Tensor.Scalar(1f) }, "Unknown input(s) 'y'");
        Fails(new() { ["x"] = Tensor.Zeros(DataType.Int32, [2, 4]) }, "is int32, the model declares fp32", new RunOptions { CastInputs = false });
    }

    [Fact]
    public void SymbolicInputDimsAcceptAnySize()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, new Shape([Dim.Of("n"), Dim.Of(2)])));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single("relu", new() { { "x", x } }));
        var y = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(DataType.Float32, [5, 2]) });
        Assert.Equal([5, 2], y["relu"].Shape);
    }

    [Fact]
    public void InputsAreCastToTheDeclaredType()
    {
        var (program, main) = Small(type: DataType.Float16);
        var x = TestTensors.Floats([2, 4], 1.0001f, 2, 3, 4, 5, 6, 7, 70000);
        var recorder = new Recorder();
        var y = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = x }, new RunOptions { Listener = recorder });
        var fed = recorder.Calls.First(c => c.Op.Type == "relu").Inputs[0];
        Assert.Equal(DataType.Float16, fed.DataType);
        Assert.Equal(1f, fed.AsFloats()[0]);
        Assert.Equal(DataType.Float16, y[main.Body.Outputs[0].Name].DataType);
        Assert.Equal([6f, 8, 14, float.PositiveInfinity], y[main.Body.Outputs[0].Name].AsFloats());
        var ints = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = Tensor.Create(new[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 4) });
        Assert.Equal([2f, 4, 10, 12], ints[main.Body.Outputs[1].Name].AsFloats());
    }

    [Fact]
    public void MissingKernelIsRun4002BeforeAnythingRuns()
    {
        var (program, _) = Small();
        var withoutSplit = new KernelRegistry(KernelRegistry.Default.OpTypes.Select(t => KernelRegistry.Default.Find(t)!).Distinct()
            .Where(k => !k.OpTypes.Contains("split")));
        var recorder = new Recorder();
        var e = Assert.Throws<DiagnosticException>(() => new MilInterpreter(withoutSplit).Run(program,
            new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(DataType.Float32, [2, 4]) }, new RunOptions { Listener = recorder }));
        Assert.Equal(DiagnosticCodes.RunNoKernel, e.Code);
        Assert.Contains("split", e.Message);
        Assert.Empty(recorder.Calls);
    }

    [Fact]
    public void OpWithoutAnyKernelIsRun4002()
    {
        var catalog = new OpCatalog([.. OpCatalog.Default.All, new Mystery()]);
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body, catalog).Single("mystery", new() { { "x", x } }));
        var e = Assert.Throws<DiagnosticException>(() => new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(DataType.Float32, [2]) }));
        Assert.Equal(DiagnosticCodes.RunNoKernel, e.Code);
        Assert.Contains("mystery (1× e.g. 'mystery')", e.Message);
    }

    [Theory]
    [InlineData(new[] { 0, 3 }, "index 3 is out of range for axis 0 of size 3")]
    [InlineData(new[] { -4, 0 }, "index -4 is out of range for axis 0 of size 3")]
    [InlineData(new[] { 1, 400 }, "index 400 is out of range for axis 0 of size 3")]
    public void GatherIndexOutOfRangeIsRun4003(int[] indices, string error)
    {
        var h = new KernelHarness();
        var y = h.Builder.Single("gather", new() { { "x", h.In(TestTensors.Floats([3], 10, 20, 30)) }, { "indices", h.In(Tensor.Vector(indices)) } }, "g");
        var e = Assert.Throws<DiagnosticException>(() => h.Run(y));
        Assert.Equal(DiagnosticCodes.RunOpFailed, e.Code);
        Assert.Contains($"gather 'g': {error}", e.Message);
    }

    [Fact]
    public void GatherNegativeIndicesCountFromTheEnd()
    {
        var y = KernelHarness.Op("gather", new() { { "x", TestTensors.Floats([3], 10, 20, 30) }, { "indices", new[] { -3, 2, -1 } } });
        Assert.Equal([10f, 30, 30], y.AsFloats());
    }

    private sealed class Mystery : OpDefinition
    {
        public override string Name => "mystery";

        public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Required("x", TypeDomain.FloatT)];

        public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Type("x")];
    }
}
