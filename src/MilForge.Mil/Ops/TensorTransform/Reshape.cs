using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>reshape(x, shape)</c>: shape is an int32 vector; one entry may be −1 (inferred) and 0 copies the matching
/// dim of x. When shape is not constant, the output rank is its length and the sizes are unknown.
/// </summary>
internal sealed class Reshape : OpDefinition
{
    public override string Name => "reshape";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("shape", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var shapeType = inputs.Type("shape");
        if (shapeType.Rank != 1 || !shapeType.Shape[0].IsKnown)
        {
            throw inputs.ShapeError($"shape must be a vector of known length, got {shapeType.Shape}");
        }
        if (inputs.ConstOrNull("shape") is not { } constant)
        {
            return [new TensorType(x.DataType, new Shape(Enumerable.Range(0, (int)shapeType.Shape[0].Size)
                .Select(i => Dim.Of($"{inputs.OpName}_d{i}"))))];
        }
        var target = constant.AsLongs();
        var dims = new Dim[target.Length];
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw inputs.ShapeError("shape has more than one −1");
                }
                inferred = i;
                continue;
            }
            if (target[i] < -1)
            {
                throw inputs.ShapeError($"shape entry {target[i]} is invalid");
            }
            dims[i] = target[i] == 0 ? (i < x.Rank ? x.Shape[i] : throw inputs.ShapeError($"shape entry {i} is 0 but x has rank {x.Rank}")) : Dim.Of(target[i]);
            known = dims[i].IsKnown ? known * dims[i].Size : -1;
        }
        var total = x.Shape.ElementCount;
        if (inferred >= 0)
        {
            dims[inferred] = total is { } t && known > 0 ? (t % known == 0 ? Dim.Of(t / known)
                : throw inputs.ShapeError($"cannot reshape {x.Shape} to [{string.Join(", ", target)}]"))
                : Dim.Of($"{inputs.OpName}_d{inferred}");
        }
        else if (total is { } t && known >= 0 && t != known)
        {
            throw inputs.ShapeError($"cannot reshape {x.Shape} ({t} elements) to [{string.Join(", ", target)}] ({known} elements)");
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}
