using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

/// <summary>Builds a one-function program around the op under test, feeds its inputs and runs the interpreter.</summary>
internal sealed class KernelHarness
{
    private readonly Dictionary<string, Tensor> _feeds = new(StringComparer.Ordinal);

    public KernelHarness(DeploymentTarget target = DeploymentTarget.iOS16)
    {
        Program = MilProgram.WithMain(target);
        Builder = new MilBuilder(Program.Main.Body);
    }

    public MilProgram Program { get; }

    public MilBuilder Builder { get; }

    /// <summary>A function input fed with <paramref name="value"/> (static shape).</summary>
    public Value In(Tensor value)
    {
        var name = $"in{_feeds.Count}";
        _feeds[name] = value;
        return Program.Main.AddInput(name, new TensorType(value.DataType, Shape.Of(value.Shape)));
    }

    public IReadOnlyDictionary<string, Tensor> Feeds => _feeds;

    /// <summary>Returns the given values from main and runs it.</summary>
    public IReadOnlyList<Tensor> Run(IReadOnlyList<Value> outputs, RunOptions? options = null)
    {
        foreach (var o in outputs)
        {
            Program.Main.Body.AddOutput(o);
        }
        var result = new MilInterpreter().Run(Program, _feeds, options);
        return [.. outputs.Select(o => result[o.Name])];
    }

    public Tensor Run(Value output, RunOptions? options = null) => Run([output], options)[0];

    /// <summary>Builds <paramref name="op"/> (literal arguments become consts) and runs it.</summary>
    public static Tensor Op(string op, OpArgs args, RunOptions? options = null) => OpAll(op, args, options)[0];

    public static IReadOnlyList<Tensor> OpAll(string op, OpArgs args, RunOptions? options = null)
    {
        var h = new KernelHarness();
        var outputs = h.Builder.Build(op, args);
        return h.Run(outputs, options);
    }
}
