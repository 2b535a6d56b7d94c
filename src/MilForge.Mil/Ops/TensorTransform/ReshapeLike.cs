using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// iOS16 <c>reshape_like(x, ref_tensors, begins, ends, end_masks)</c>: reshapes x to the concatenation, over the
/// reference tensors i, of <c>ref_tensors[i].shape[begins[i]:ends[i]]</c> (Python slices; <c>[begins[i]:]</c> when
/// <c>end_masks[i]</c>). The output shape must be known when the op is built and hold as many elements as x.
/// </summary>
internal class ReshapeLike : OpDefinition
{
    public override string Name => "reshape_like";

    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    /// <summary>The element types of x and of the reference tensors.</summary>
    protected virtual TypeDomain Elements => new("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool]);

    public override IReadOnlyList<InputSpec> Inputs => field ??=
    [
        InputSpec.Required("x", Elements),
        InputSpec.Tuple("ref_tensors", new TypeDomain(null, Elements.Allowed)),
        new InputSpec("begins", TypeDomain.Int32, IsConst: true, IsTuple: true),
        new InputSpec("ends", TypeDomain.Int32, IsConst: true, IsTuple: true),
        new InputSpec("end_masks", TypeDomain.Bool, IsConst: true, IsTuple: true),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var refs = inputs.Tuple("ref_tensors");
        var begins = Scalars(inputs, "begins", refs.Count);
        var ends = Scalars(inputs, "ends", refs.Count);
        var masks = Scalars(inputs, "end_masks", refs.Count);
        var dims = new List<Dim>();
        for (var i = 0; i < refs.Count; i++)
        {
            var shape = refs[i].TensorType.Shape;
            var (from, to) = SliceBounds(shape.Rank, begins[i], masks[i] != 0 ? null : ends[i]);
            dims.AddRange(Enumerable.Range(from, Math.Max(0, to - from)).Select(d => shape[d]));
        }
        if (dims.Any(d => !d.IsKnown))
        {
            throw inputs.ShapeError($"the output shape [{string.Join(", ", dims)}] must be known when the op is built");
        }
        var x = inputs.Type("x");
        var count = dims.Aggregate(1L, (p, d) => p * d.Size);
        if (x.Shape.ElementCount is { } n && n != count)
        {
            throw inputs.ShapeError($"cannot reshape x {x.Shape} to [{string.Join(", ", dims)}]");
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }

    /// <summary>Python's slice [begin:end] of a sequence of <paramref name="length"/> items, as a range [from, to).</summary>
    public static (int From, int To) SliceBounds(int length, long begin, long? end)
    {
        static int Clamp(long i, int length) => (int)Math.Clamp(i < 0 ? i + length : i, 0, length);
        return (Clamp(begin, length), end is { } e ? Clamp(e, length) : length);
    }

    private static long[] Scalars(OpInputs inputs, string name, int count)
    {
        var values = inputs.Tuple(name);
        if (values.Count != count || values.Any(v => v.TensorType.Rank != 0 || v.ConstantValue is null))
        {
            throw inputs.ShapeError($"{name} must be {count} constant scalars, one per ref_tensors entry");
        }
        return [.. values.Select(v => v.ConstantValue!.GetLong(0))];
    }
}

/// <summary>iOS17 <c>reshape_like</c>: x and the reference tensors may also be int8/uint8/int16/uint16.</summary>
internal sealed class ReshapeLikeIos17 : ReshapeLike
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    protected override TypeDomain Elements => TypeDomain.AnyT;
}
