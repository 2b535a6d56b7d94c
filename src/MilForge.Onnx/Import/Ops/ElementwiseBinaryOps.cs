using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Binary ONNX ops that map one-to-one to MIL elementwise ops with NumPy broadcasting. Before opset 7 the arithmetic
/// ops broadcast only with broadcast=1, aligning B to A at <c>axis</c> (trailing unit dims are added to B for MIL).
/// Pow's exponent is cast to the base's type, as MIL requires one type.
/// </summary>
[OnnxOp("Add", 1, 6, 7, 13, 14)]
[OnnxOp("Sub", 1, 6, 7, 13, 14)]
[OnnxOp("Mul", 1, 6, 7, 13, 14)]
[OnnxOp("Div", 1, 6, 7, 13, 14)]
[OnnxOp("Pow", 1, 7, 12, 13, 15)]
[OnnxOp("Equal", 7, 11, 13, 19)]
[OnnxOp("Less", 7, 9, 13)]
[OnnxOp("LessOrEqual", 12, 16)]
[OnnxOp("Greater", 7, 9, 13)]
[OnnxOp("GreaterOrEqual", 12, 16)]
[OnnxOp("And", 7)]
[OnnxOp("Or", 7)]
[OnnxOp("Xor", 7)]
internal sealed class ElementwiseBinaryOps : IOnnxConverter
{
    private static readonly Dictionary<string, string> MilOps = new()
    {
        ["Add"] = "add",
        ["Sub"] = "sub",
        ["Mul"] = "mul",
        ["Div"] = "real_div",
        ["Pow"] = "pow",
        ["Equal"] = "equal",
        ["Less"] = "less",
        ["LessOrEqual"] = "less_equal",
        ["Greater"] = "greater",
        ["GreaterOrEqual"] = "greater_equal",
        ["And"] = "logical_and",
        ["Or"] = "logical_or",
        ["Xor"] = "logical_xor",
    };

    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var y = context.Since < 7 ? LegacyBroadcast(context, context.Input(0), context.Input(1)) : context.Input(1);
        if (context.OpType == "Pow")
        {
            y = ConverterHelpers.CastTo(context, y, x.DataType, "exponent");
        }
        else if (x.DataType != y.DataType)
        {
            throw context.Unsupported($"inputs have different element types ({x.DataType.MilName()} and {y.DataType.MilName()})");
        }
        if (context.OpType == "Pow" && !x.DataType.IsFloat() && x.DataType != DataType.Int32)
        {
            throw context.Unsupported($"Pow on {x.DataType.MilName()} is not supported");
        }
        context.SetOutput(0, context.Op(MilOps[context.OpType], new() { { "x", x }, { "y", y } }));
    }

    // broadcast=1 lines B's dims up with A's from `axis` (default: the trailing dims, as NumPy does).
    private static Mil.Value LegacyBroadcast(OnnxNodeContext context, Mil.Value a, Mil.Value b)
    {
        if (context.Attributes.Int("broadcast", 0) == 0 || !context.Attributes.Has("axis") || b.Shape.Rank >= a.Shape.Rank)
        {
            return b;
        }
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), a.Shape.Rank);
        var trailing = a.Shape.Rank - axis - b.Shape.Rank;
        if (trailing < 0)
        {
            throw context.Unsupported($"B {b.Shape} does not fit A {a.Shape} at axis {axis}");
        }
        return trailing == 0 ? b : context.Op("expand_dims", new()
        {
            { "x", b },
            { "axes", Enumerable.Range(b.Shape.Rank, trailing).ToArray() },
        }, $"{context.OutputName()}_aligned");
    }
}
