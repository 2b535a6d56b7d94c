using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>sliding_windows(x, axis, size, stride=1)</c>: the windows of <c>size</c> consecutive elements along axis, one
/// every <c>stride</c>: dim axis becomes (d − size) / stride + 1 windows and a dim of size is inserted after it.
/// </summary>
internal class SlidingWindows : OpDefinition
{
    public override string Name => "sliding_windows";

    /// <summary>The element types of x.</summary>
    protected virtual TypeDomain Elements => TypeDomain.NumericT;

    public override IReadOnlyList<InputSpec> Inputs => field ??=
    [
        InputSpec.Required("x", Elements),
        InputSpec.Const("axis", TypeDomain.Int32),
        InputSpec.Const("size", TypeDomain.Int32),
        InputSpec.OptionalConst("stride", TypeDomain.Int32, _ => Tensor.Scalar(1)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axis = inputs.Axis(inputs.Long("axis"), x.Rank);
        var (size, stride) = (inputs.Long("size"), inputs.Long("stride"));
        if (size < 1 || stride < 1)
        {
            throw inputs.ShapeError($"size ({size}) and stride ({stride}) must be positive");
        }
        var d = x.Shape[axis];
        if (d.IsKnown && d.Size < size)
        {
            throw inputs.ShapeError($"size {size} exceeds dim {axis} of x {x.Shape}");
        }
        var windows = d.IsKnown ? Dim.Of(((d.Size - size) / stride) + 1) : Dim.Of($"{inputs.OpName}_windows");
        var dims = x.Shape.Dims.ToList();
        dims[axis] = windows;
        dims.Insert(axis + 1, Dim.Of(size));
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}

/// <summary>iOS17 <c>sliding_windows</c>: x may also be bool, int8/uint8/int16/uint16.</summary>
internal sealed class SlidingWindowsIos17 : SlidingWindows
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override TypeDomain Elements => TypeDomain.AnyT;
}
