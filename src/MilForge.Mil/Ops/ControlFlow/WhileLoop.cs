namespace MilForge.Mil.Ops.ControlFlow;

/// <summary>
/// <c>while_loop(loop_vars)</c> with two blocks, the condition then the body, both taking the loop variables as block
/// inputs: while the condition block returns true, the body maps the loop variables to their next values. Outputs
/// are the final loop variables, typed as the blocks' inputs (which must hold the initial values and every body
/// result: a dim that changes across iterations is symbolic there).
/// </summary>
internal sealed class WhileLoop : OpDefinition
{
    public override string Name => "while_loop";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Tuple("loop_vars", TypeDomain.Any)];

    public override int BlockCount => 2;

    public override bool IsFoldable => false;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var vars = inputs.Tuple("loop_vars");
        var (condition, body) = (inputs.Blocks[0], inputs.Blocks[1]);
        if (condition.Inputs.Count != vars.Count || body.Inputs.Count != vars.Count)
        {
            throw inputs.Malformed($"the condition and body blocks must take the {vars.Count} loop variables as inputs (they take {condition.Inputs.Count} and {body.Inputs.Count})");
        }
        if (condition.Outputs.Count != 1 || condition.Outputs[0].Type is not TensorType { DataType: Numerics.DataType.Bool, Rank: 0 })
        {
            throw inputs.TypeError("the condition block must return one bool scalar");
        }
        if (body.Outputs.Count != vars.Count)
        {
            throw inputs.Malformed($"the body returns {body.Outputs.Count} values for {vars.Count} loop variables");
        }
        var types = new List<MilType>(vars.Count);
        for (var i = 0; i < vars.Count; i++)
        {
            var slot = body.Inputs[i].Type;
            if (!BranchTypes.Agree(condition.Inputs[i].Type, slot))
            {
                throw inputs.TypeError($"loop variable {i} is {condition.Inputs[i].Type} in the condition block but {slot} in the body");
            }
            if (!BranchTypes.Fits(vars[i].Type, slot) || !BranchTypes.Fits(body.Outputs[i].Type, slot))
            {
                throw inputs.TypeError($"loop variable {i} is declared {slot} but starts as {vars[i].Type} and the body returns {body.Outputs[i].Type}");
            }
            types.Add(slot);
        }
        return types;
    }
}
