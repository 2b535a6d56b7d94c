namespace MilForge.Numerics;

/// <summary>A model input or output as a runner sees it: name, element type and (possibly symbolic) shape.</summary>
/// <param name="Name">The name.</param>
/// <param name="DataType">The element type.</param>
/// <param name="Shape">The shape.</param>
public sealed record TensorSignature(string Name, DataType DataType, Shape Shape)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {DataType.MilName()}{Shape}";
}
