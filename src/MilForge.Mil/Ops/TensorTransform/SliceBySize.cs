using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary><c>slice_by_size(x, begin, size)</c>: takes <c>size[i]</c> elements from <c>begin[i]</c> per dim (−1 = to the end).</summary>
internal sealed class SliceBySize : OpDefinition
{
    public override string Name => "slice_by_size";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("begin", TypeDomain.Int32),
        InputSpec.Required("size", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var begin = inputs.ConstOrNull("begin")?.AsInts();
        var size = inputs.ConstOrNull("size")?.AsInts();
        if ((begin is not null && begin.Length != x.Rank) || (size is not null && size.Length != x.Rank))
        {
            throw inputs.ShapeError($"begin and size must have {x.Rank} entries");
        }
        var dims = new Dim[x.Rank];
        for (var i = 0; i < x.Rank; i++)
        {
            if (size is not null && size[i] >= 0)
            {
                dims[i] = Dim.Of(size[i]);
            }
            else if (size is not null && begin is not null && x.Shape[i].IsKnown)
            {
                var b = begin[i] < 0 ? begin[i] + x.Shape[i].Size : begin[i];
                dims[i] = Dim.Of(Math.Max(0, x.Shape[i].Size - b));
            }
            else
            {
                dims[i] = Dim.Of($"{inputs.OpName}_d{i}");
            }
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}
