namespace MilForge.Mil.Ops.ControlFlow;

/// <summary>
/// <c>cond(pred)</c> with two blocks, the true branch then the false branch, each without inputs: runs one of them
/// and returns its outputs. Both branches must return the same number of values with equal element types and ranks;
/// a dim on which they differ is symbolic in the output.
/// </summary>
internal sealed class Cond : OpDefinition
{
    public override string Name => "cond";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Required("pred", TypeDomain.Bool)];

    public override int BlockCount => 2;

    public override bool IsFoldable => false;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        if (inputs.Type("pred").Rank != 0)
        {
            throw inputs.ShapeError($"pred must be a bool scalar, got {inputs.Type("pred")}");
        }
        var (whenTrue, whenFalse) = (inputs.Blocks[0], inputs.Blocks[1]);
        if (whenTrue.Inputs.Count > 0 || whenFalse.Inputs.Count > 0)
        {
            throw inputs.Malformed("the branches of a cond take no block inputs");
        }
        if (whenTrue.Outputs.Count != whenFalse.Outputs.Count || whenTrue.Outputs.Count == 0)
        {
            throw inputs.Malformed($"the true branch returns {whenTrue.Outputs.Count} values and the false branch {whenFalse.Outputs.Count}; both must return the same number (at least one)");
        }
        var types = new List<MilType>(whenTrue.Outputs.Count);
        for (var i = 0; i < whenTrue.Outputs.Count; i++)
        {
            var (a, b) = (whenTrue.Outputs[i].Type, whenFalse.Outputs[i].Type);
            var merged = a is TensorType ta && b is TensorType tb ? BranchTypes.Merge(ta, tb, $"{inputs.OpName}_{i}")
                : Equals(a, b) ? a : null;
            types.Add(merged ?? throw inputs.TypeError($"output {i} is {a} in the true branch but {b} in the false branch"));
        }
        return types;
    }
}
