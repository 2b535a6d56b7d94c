using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ReverseSequence (10) → MIL <c>reverse_sequence</c>: batch_axis (default 1) and time_axis (default 0), each 0 or 1,
/// sequence_lens as int32 lengths (constant or computed; constant lengths past the sequence are refused). Float, integer
/// (as int32) and bool data.
/// </summary>
[OnnxOp("ReverseSequence", 10)]
internal sealed class ReverseSequence : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.Shape.Rank < 2)
        {
            throw context.Unsupported($"the input must have rank 2 or more, got {x.Shape}");
        }
        var batchAxis = context.Attributes.Int("batch_axis", 1);
        var timeAxis = context.Attributes.Int("time_axis", 0);
        if (batchAxis is not (0 or 1) || timeAxis is not (0 or 1) || batchAxis == timeAxis)
        {
            throw context.Unsupported($"batch_axis {batchAxis} and time_axis {timeAxis} must be 0 and 1 in some order");
        }
        if (x.DataType is not (DataType.Float16 or DataType.Float32 or DataType.Int32 or DataType.Bool))
        {
            throw context.Unsupported($"{x.DataType.MilName()} data is not supported by Core ML reverse_sequence");
        }
        var lengths = context.Input(1);
        var time = x.Shape[(int)timeAxis];
        foreach (var length in context.ConstantInput(1)?.AsLongs() ?? [])
        {
            if (length < 0 || (time.IsKnown && length > time.Size))
            {
                throw context.Unsupported($"sequence length {length} is outside [0, {time}]");
            }
        }
        context.SetOutput(0, context.Op("reverse_sequence", new()
        {
            { "x", x },
            { "lengths", ConverterHelpers.CastTo(context, lengths, DataType.Int32, "lengths") },
            { "seq_axis", (int)timeAxis },
            { "batch_axis", (int)batchAxis },
        }));
    }
}
