using MilForge.Numerics;

namespace MilForge.Mil.Ops.Conv;

/// <summary>
/// <c>conv_transpose(x, weight, bias, pad, output_shape, pad_type, strides, dilations, groups)</c>: x [N, Cin, *D]
/// (1–3 spatial dims), weight [Cin, Cout/groups, *K]; the output is [N, Cout, *output_shape[2:]] when output_shape
/// is given, else sized by pad_type (see <see cref="ConvTransposeGeometry"/>).
/// </summary>
internal sealed class ConvTransposeOp : OpDefinition
{
    public override string Name => "conv_transpose";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("weight", TypeDomain.FloatT),
        InputSpec.OptionalConst("bias", TypeDomain.FloatT),
        InputSpec.OptionalConst("pad", TypeDomain.Int32, i => Tensor.Vector(new int[2 * SpatialRank(i)])),
        InputSpec.OptionalConst("output_shape", TypeDomain.Int32),
        InputSpec.OptionalConst("pad_type", TypeDomain.String, _ => Tensor.Scalar("valid")),
        InputSpec.OptionalConst("strides", TypeDomain.Int32, i => Ones(i)),
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
        if (groups < 1 || w.Shape[0].Size % groups != 0)
        {
            throw inputs.ShapeError($"groups {groups} must be ≥ 1 and divide Cin {w.Shape[0]}");
        }
        if (x.Shape[1].IsKnown && x.Shape[1].Size != w.Shape[0].Size)
        {
            throw inputs.ShapeError($"x has {x.Shape[1]} channels, weight {w.Shape} expects {w.Shape[0]}");
        }
        var cout = w.Shape[1].Size * groups;
        if (inputs.TypeOrNull("bias") is { } b && (b.Rank != 1 || b.Shape[0] != Dim.Of(cout)))
        {
            throw inputs.ShapeError($"bias {b.Shape} must be [{cout}]");
        }
        var padType = inputs.String("pad_type");
        if (!ConvTransposeGeometry.PadTypes.Contains(padType))
        {
            throw inputs.TypeError($"unknown pad_type '{padType}'");
        }
        var strides = inputs.Ints("strides");
        var dilations = inputs.Ints("dilations");
        var pad = inputs.Ints("pad");
        if (strides.Length != s || dilations.Length != s || pad.Length != 2 * s || strides.Any(v => v < 1) || dilations.Any(v => v < 1)
            || pad.Any(v => v < 0))
        {
            throw inputs.ShapeError($"strides [{string.Join(",", strides)}], dilations [{string.Join(",", dilations)}] and pad [{string.Join(",", pad)}] do not fit {s} spatial dims");
        }
        if (inputs.Has("output_shape"))
        {
            var shape = inputs.Ints("output_shape");
            if (shape.Length != x.Rank || shape[1] != cout || (x.Shape[0].IsKnown && shape[0] != x.Shape[0].Size) || shape.Any(d => d < 1))
            {
                throw inputs.ShapeError($"output_shape [{string.Join(",", shape)}] must be [N, {cout}, *D] with positive sizes");
            }
            return [new TensorType(x.DataType, new Shape([x.Shape[0], Dim.Of(cout), .. shape.Skip(2).Select(d => Dim.Of(d))]))];
        }
        var dims = new List<Dim> { x.Shape[0], Dim.Of(cout) };
        for (var i = 0; i < s; i++)
        {
            var d = x.Shape[i + 2];
            if (!d.IsKnown)
            {
                dims.Add(Dim.Of($"{inputs.OpName}_d{i}"));
                continue;
            }
            var size = ConvTransposeGeometry.OutputSize(padType, (int)d.Size, (int)w.Shape[i + 2].Size, strides[i], dilations[i], pad[2 * i], pad[(2 * i) + 1]);
            if (size <= 0)
            {
                throw inputs.ShapeError($"the padding leaves no output in spatial dim {i}");
            }
            dims.Add(Dim.Of(size));
        }
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}
