using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Mil.Ops;

namespace MilForge.Mil.Tests;

/// <summary>A program with one <c>main</c> function and a builder on its body, for type-inference tests.</summary>
internal sealed class MilHarness
{
    private int _inputs;

    public MilHarness(DeploymentTarget target = DeploymentTarget.iOS16, OpCatalog? catalog = null)
    {
        Program = MilProgram.WithMain(target);
        Builder = new MilBuilder(Program.Main.Body, catalog);
    }

    public MilProgram Program { get; }

    public Function Main => Program.Main;

    public MilBuilder Builder { get; }

    /// <summary>A function input of the given type; dims are sizes or symbol names.</summary>
    public Value Input(DataType type, params object[] dims) =>
        Main.AddInput($"in{_inputs++}", new TensorType(type, Dims(dims)));

    public Value F32(params object[] dims) => Input(DataType.Float32, dims);

    public Value F16(params object[] dims) => Input(DataType.Float16, dims);

    public Value I32(params object[] dims) => Input(DataType.Int32, dims);

    public Value Const(Tensor value) => Builder.Const(value);

    /// <summary>Builds a single-output op and returns its type as text, e.g. <c>fp32[2, 3]</c>.</summary>
    public string Type(string op, OpArgs args) => Builder.Single(op, args).Type.ToString();

    /// <summary>Builds an op and returns every output type as text.</summary>
    public string[] Types(string op, OpArgs args) => [.. Builder.Build(op, args).Select(v => v.Type.ToString())];

    /// <summary>Builds an op expecting a diagnostic with <paramref name="code"/>; returns it.</summary>
    public DiagnosticException Fails(string code, string op, OpArgs args) => Fails(code, () => Builder.Build(op, args));

    public static DiagnosticException Fails(string code, Action action)
    {
        var e = Assert.Throws<DiagnosticException>(action);
        Assert.True(code == e.Code, $"expected {code}, got {e.Code}: {e.Message}");
        return e;
    }

    public static Shape Dims(object[] dims) => new(dims.Select(d => d switch
    {
        string s => Dim.Of(s),
        int i => Dim.Of(i),
        long l => Dim.Of(l),
        Dim dim => dim,
        _ => throw new ArgumentException($"not a dim: {d}"),
    }));
}
