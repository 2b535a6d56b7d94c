using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary><c>shape(x)</c>: the shape of x as an int32 vector.</summary>
internal sealed class ShapeOf : OpDefinition
{
    public override string Name => "shape";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Required("x", TypeDomain.Any)];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [TensorType.Of(DataType.Int32, inputs.Type("x").Rank)];
}

/// <summary><c>fill(shape, value=0.0)</c>: a tensor of the given shape filled with value (whose type it takes).</summary>
internal sealed class Fill : OpDefinition
{
    public override string Name => "fill";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("shape", TypeDomain.Int32),
        InputSpec.OptionalConst("value", TypeDomain.AnyT, _ => Tensor.Scalar(0f)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var shapeType = inputs.Type("shape");
        var value = inputs.Type("value");
        if (shapeType.Rank != 1 || !shapeType.Shape[0].IsKnown || value.Rank != 0)
        {
            throw inputs.ShapeError("shape must be a vector of known length and value a scalar");
        }
        var dims = inputs.ConstOrNull("shape") is { } s
            ? s.AsLongs().Select(d => d >= 0 ? Dim.Of(d) : throw inputs.ShapeError($"negative size {d}"))
            : Enumerable.Range(0, (int)shapeType.Shape[0].Size).Select(i => Dim.Of($"{inputs.OpName}_d{i}"));
        return [new TensorType(value.DataType, new Shape(dims))];
    }
}

/// <summary><c>tile(x, reps)</c>: repeats x reps[i] times along dim i.</summary>
internal sealed class Tile : OpDefinition
{
    public override string Name => "tile";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("reps", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (inputs.ConstOrNull("reps") is not { } reps)
        {
            return [new TensorType(x.DataType, new Shape(Enumerable.Range(0, x.Rank).Select(i => Dim.Of($"{inputs.OpName}_d{i}"))))];
        }
        var r = reps.AsLongs();
        if (r.Length != x.Rank || r.Any(v => v < 0))
        {
            throw inputs.ShapeError($"reps [{string.Join(", ", r)}] must have {x.Rank} non-negative entries");
        }
        return [new TensorType(x.DataType, new Shape(x.Shape.Dims.Select((d, i) => d.IsKnown ? Dim.Of(d.Size * r[i]) : Dim.Of($"{inputs.OpName}_d{i}"))))];
    }
}

/// <summary>
/// <c>pad(x, pad, mode="constant", constant_val=0)</c>: pad holds (before, after) pairs for the last len(pad)/2 dims;
/// mode is <c>constant</c>, <c>reflect</c> or <c>replicate</c>.
/// </summary>
internal sealed class Pad : OpDefinition
{
    public override string Name => "pad";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Required("pad", TypeDomain.Int32),
        InputSpec.OptionalConst("mode", TypeDomain.String, _ => Tensor.Scalar("constant")),
        InputSpec.OptionalConst("constant_val", TypeDomain.FloatT, i => Tensor.FromFloats([0f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var mode = inputs.String("mode");
        if (mode is not ("constant" or "reflect" or "replicate"))
        {
            throw inputs.TypeError($"unknown mode '{mode}'");
        }
        if (inputs.ConstOrNull("pad") is not { } padTensor)
        {
            return [new TensorType(x.DataType, new Shape(Enumerable.Range(0, x.Rank).Select(i => Dim.Of($"{inputs.OpName}_d{i}"))))];
        }
        var pad = padTensor.AsLongs();
        if (pad.Length % 2 != 0 || pad.Length / 2 > x.Rank)
        {
            throw inputs.ShapeError($"pad has {pad.Length} entries; it needs an even count of at most 2·rank");
        }
        var dims = x.Shape.Dims.ToArray();
        var first = x.Rank - (pad.Length / 2);
        for (var i = first; i < x.Rank; i++)
        {
            var (b, e) = (pad[2 * (i - first)], pad[(2 * (i - first)) + 1]);
            dims[i] = dims[i].IsKnown ? Dim.Of(Math.Max(0, dims[i].Size + b + e)) : Dim.Of($"{inputs.OpName}_d{i}");
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}

/// <summary><c>range_1d(end, start, step)</c>: [start, start+step, ...) up to end (exclusive).</summary>
internal sealed class Range1d : OpDefinition
{
    public override string Name => "range_1d";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("end", TypeDomain.NumericT),
        InputSpec.Required("start", TypeDomain.NumericT),
        InputSpec.Required("step", TypeDomain.NumericT),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var type = inputs.Type("start").DataType;
        if (inputs.ConstOrNull("start") is { } s && inputs.ConstOrNull("end") is { } e && inputs.ConstOrNull("step") is { } st)
        {
            var step = st.GetDouble(0);
            if (step == 0)
            {
                throw inputs.ShapeError("step must not be 0");
            }
            var count = Math.Max(0, (long)Math.Ceiling((e.GetDouble(0) - s.GetDouble(0)) / step));
            return [TensorType.Of(type, count)];
        }
        return [new TensorType(type, new Shape([Dim.Of($"{inputs.OpName}_d0")]))];
    }
}
