using MilForge.Numerics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>
/// How many ops compute in FP16 and in FP32: an op (const and cast excluded) counts by the float type of its outputs
/// (or, for ops with no float output, of its float inputs).
/// </summary>
/// <param name="Fp16Ops">Ops computing in FP16.</param>
/// <param name="Fp32Ops">Ops computing in FP32.</param>
/// <param name="Casts">Cast ops.</param>
public sealed record PrecisionSummary(int Fp16Ops, int Fp32Ops, int Casts)
{
    /// <summary>Counts the ops of every function.</summary>
    public static PrecisionSummary Of(MilProgram program)
    {
        int fp16 = 0, fp32 = 0, casts = 0;
        foreach (var op in program.Functions.Values.SelectMany(f => f.AllOperations()))
        {
            if (op.IsConst)
            {
                continue;
            }
            if (op.Type == "cast")
            {
                casts++;
                continue;
            }
            var types = op.Outputs.Select(o => o.Type).OfType<TensorType>().Select(t => t.DataType).Where(t => t.IsFloat()).ToList();
            if (types.Count == 0)
            {
                types = [.. op.InputValues.Select(v => v.Type).OfType<TensorType>().Select(t => t.DataType).Where(t => t.IsFloat())];
            }
            if (types.Contains(DataType.Float32))
            {
                fp32++;
            }
            else if (types.Contains(DataType.Float16))
            {
                fp16++;
            }
        }
        return new PrecisionSummary(fp16, fp32, casts);
    }

    /// <summary>"fp16", "fp32" or "mixed".</summary>
    public string Label => Fp16Ops > 0 && Fp32Ops > 0 ? "mixed" : Fp16Ops > 0 ? "fp16" : "fp32";

    /// <inheritdoc />
    public override string ToString() => $"{Label} ({Fp16Ops} ops in FP16, {Fp32Ops} in FP32, {Casts} casts)";
}
