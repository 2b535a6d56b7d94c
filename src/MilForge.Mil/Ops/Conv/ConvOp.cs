using MilForge.Numerics;

namespace MilForge.Mil.Ops.Conv;

/// <summary>
/// <c>conv(x, weight, bias, strides, pad_type, pad, dilations, groups)</c>: x [N, Cin, *D] (1–3 spatial dims),
/// weight [Cout, Cin/groups, *K]; pad_type is <c>valid</c>, <c>same</c>, <c>same_lower</c> or <c>custom</c>
/// (then pad holds begin/end pairs per spatial dim).
/// </summary>
internal sealed class ConvOp : OpDefinition
{
    /// <summary>The pad types conv and pooling accept.</summary>
    public static readonly string[] PadTypes = ["valid", "same", "same_lower", "custom"];

    public override string Name => "conv";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Required("weight", TypeDomain.FloatT),
        InputSpec.OptionalConst("bias", TypeDomain.FloatT),
        InputSpec.OptionalConst("strides", TypeDomain.Int32, i => Ones(i)),
        InputSpec.OptionalConst("pad_type", TypeDomain.String, _ => Tensor.Scalar("valid")),
        InputSpec.OptionalConst("pad", TypeDomain.Int32, i => Tensor.Vector(new int[2 * SpatialRank(i)])),
        InputSpec.OptionalConst("dilations", TypeDomain.Int32, i => Ones(i)),
        InputSpec.OptionalConst("groups", TypeDomain.Int32, _ => Tensor.Scalar(1)),
    ];

    private static int SpatialRank(OpInputs i) => Math.Max(0, i.Type("x").Rank - 2);

    private static Tensor Ones(OpInputs i) => Tensor.Vector(Enumerable.Repeat(1, SpatialRank(i)).ToArray());

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var w = inputs.Type("weight");
        var s = x.Rank - 2;
        if (s is < 1 or > 3 || w.Rank != x.Rank)
        {
            throw inputs.ShapeError($"x {x.Shape} must be [N, C, *D] with 1–3 spatial dims and weight {w.Shape} of the same rank");
        }
        var groups = inputs.Int("groups");
        if (groups < 1 || (w.Shape[0].IsKnown && w.Shape[0].Size % groups != 0))
        {
            throw inputs.ShapeError($"groups {groups} must be ≥ 1 and divide Cout {w.Shape[0]}");
        }
        if (x.Shape[1].IsKnown && w.Shape[1].IsKnown && x.Shape[1].Size != w.Shape[1].Size * groups)
        {
            throw inputs.ShapeError($"x has {x.Shape[1]} channels, weight {w.Shape} with groups={groups} expects {w.Shape[1].Size * groups}");
        }
        if (inputs.TypeOrNull("bias") is { } b && (b.Rank != 1 || b.Shape[0] != w.Shape[0]))
        {
            throw inputs.ShapeError($"bias {b.Shape} must be [{w.Shape[0]}]");
        }
        var dims = new List<Dim> { x.Shape[0], w.Shape[0] };
        dims.AddRange(SpatialOutput(inputs, x, w.Shape.Dims.Skip(2).ToArray(), "dilations", ceilMode: false));
        return [new TensorType(x.DataType, new Shape(dims))];
    }

    /// <summary>Spatial output dims of a windowed op (conv or pool).</summary>
    internal static IEnumerable<Dim> SpatialOutput(OpInputs inputs, TensorType x, Dim[] kernel, string? dilationsName, bool ceilMode)
    {
        var s = x.Rank - 2;
        var strides = inputs.Ints("strides");
        var dilations = dilationsName is null ? Enumerable.Repeat(1, s).ToArray() : inputs.Ints(dilationsName);
        var padType = inputs.String("pad_type");
        if (!PadTypes.Contains(padType))
        {
            throw inputs.TypeError($"unknown pad_type '{padType}'");
        }
        var pad = inputs.Has("pad") ? inputs.Ints("pad") : new int[2 * s];
        if (strides.Length != s || dilations.Length != s || pad.Length != 2 * s || strides.Any(v => v < 1) || dilations.Any(v => v < 1))
        {
            throw inputs.ShapeError($"strides [{string.Join(",", strides)}], dilations [{string.Join(",", dilations)}] and pad [{string.Join(",", pad)}] do not fit {s} spatial dims");
        }
        var result = new Dim[s];
        for (var i = 0; i < s; i++)
        {
            var d = x.Shape[i + 2];
            if (!d.IsKnown || !kernel[i].IsKnown)
            {
                result[i] = Dim.Of($"{inputs.OpName}_d{i}");
                continue;
            }
            var k = (int)kernel[i].Size;
            var (begin, end) = ConvGeometry.Padding(padType, [(int)d.Size], [k], [strides[i]], [dilations[i]],
                padType == "custom" ? [pad[2 * i], pad[(2 * i) + 1]] : null);
            var size = padType is "same" or "same_lower"
                ? ((int)d.Size + strides[i] - 1) / strides[i]
                : ConvGeometry.OutputSize((int)d.Size, k, strides[i], dilations[i], begin[0], end[0], ceilMode);
            if (size <= 0)
            {
                throw inputs.ShapeError($"window {k} (dilation {dilations[i]}) does not fit spatial dim {i} of size {d} with padding");
            }
            result[i] = Dim.Of(size);
        }
        return result;
    }
}
