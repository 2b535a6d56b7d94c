namespace MilForge.Mil.Ops.Core;

/// <summary><c>const</c>: a compile-time value (attribute <c>val</c>); no inputs. Built with <c>MilBuilder.Const</c>.</summary>
internal sealed class ConstOp : OpDefinition
{
    public override string Name => "const";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [];

    public override bool IsFoldable => false;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        throw inputs.Malformed("const ops are created with MilBuilder.Const");
}
