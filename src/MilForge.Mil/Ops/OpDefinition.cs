namespace MilForge.Mil.Ops;

/// <summary>
/// A MIL op type: its name, the first deployment target that has it, its input spec, and type inference run when
/// the op is built. Definitions hold no execution code (kernels live in the runtime) and no state.
/// A later target's version of an op is a subclass that overrides only what changed.
/// </summary>
public abstract class OpDefinition
{
    private Dictionary<string, InputSpec>? _byName;

    /// <summary>The MIL op type, e.g. <c>conv</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The first deployment target that has this version of the op.</summary>
    public virtual DeploymentTarget Since => DeploymentTarget.iOS15;

    /// <summary>The inputs, in the order they are written.</summary>
    public abstract IReadOnlyList<InputSpec> Inputs { get; }

    /// <summary>Number of nested blocks the op owns (control flow).</summary>
    public virtual int BlockCount => 0;

    /// <summary>False for ops that must never be evaluated at compile time (const, control flow, state).</summary>
    public virtual bool IsFoldable => true;

    /// <summary>
    /// How a serialized program carries the op's constant inputs: named bindings to <c>const</c> ops (the usual
    /// way), or the values themselves (<c>constexpr_*</c> ops: attributes up to iOS17, literal bindings from iOS18).
    /// </summary>
    public virtual ConstantParameterEncoding ParameterEncoding => ConstantParameterEncoding.Bindings;

    /// <summary>
    /// Output types from input types (and constant input values). Throws a <see cref="Diagnostics.DiagnosticException"/>
    /// (through the helpers on <see cref="OpInputs"/>) when the inputs are invalid.
    /// </summary>
    public abstract IReadOnlyList<MilType> InferTypes(OpInputs inputs);

    /// <summary>The input spec named <paramref name="name"/>, or null.</summary>
    public InputSpec? FindInput(string name)
    {
        _byName ??= Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (since {Since})";
}
