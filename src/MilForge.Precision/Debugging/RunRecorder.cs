using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Runtime;

namespace MilForge.Precision.Debugging;

/// <summary>
/// An interpreter listener that feeds <see cref="OpStatistics"/>: in the FP32 run it accumulates value ranges and
/// keeps a bounded sample of each op's output (every element for small outputs, evenly spaced ones otherwise); in the
/// FP16 run it counts NaN/Inf and compares the same positions with the FP32 sample.
/// </summary>
internal sealed class RunRecorder(IReadOnlyDictionary<string, OpStatistics> byName, IReadOnlyDictionary<string, string> fp16ToFp32, int sampleSize) : IInterpreterListener
{
    private readonly Dictionary<string, (int[] Positions, double[] Values, int NonFinite)> _fp32Samples = new(StringComparer.Ordinal);

    /// <summary>True while recording the FP16 run.</summary>
    public bool Fp16 { get; set; }

    /// <summary>The sample index being run.</summary>
    public int Sample { get; set; }

    /// <summary>Relative tolerance of the per-op comparison.</summary>
    public double Rtol { get; init; } = 1e-2;

    /// <summary>Absolute tolerance of the per-op comparison, relative to the op's FP32 magnitude.</summary>
    public double AtolOfRange { get; init; } = 1e-2;

    public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        if (op.IsConst)
        {
            return;
        }
        for (var i = 0; i < outputs.Count; i++)
        {
            if (!outputs[i].DataType.IsFloat())
            {
                continue;
            }
            var name = op.Outputs[i].Name;
            if (Fp16)
            {
                var fp32Name = fp16ToFp32.GetValueOrDefault(name, name);
                if (byName.TryGetValue(fp32Name, out var stats) && _fp32Samples.TryGetValue(fp32Name, out var sample))
                {
                    CompareFp16(stats, outputs[i], sample);
                }
            }
            else if (byName.TryGetValue(name, out var stats))
            {
                RecordFp32(stats, name, outputs[i]);
            }
        }
    }

    private void RecordFp32(OpStatistics s, string name, Tensor t)
    {
        var v = t.AsFloats();
        var nonFinite = 0;
        foreach (var x in v)
        {
            if (!float.IsFinite(x))
            {
                s.NonFiniteFp32++;
                nonFinite++;
                continue;
            }
            s.Min = Math.Min(s.Min, x);
            s.Max = Math.Max(s.Max, x);
            var a = Math.Abs((double)x);
            s.AbsMax = Math.Max(s.AbsMax, a);
            if (a > Numerics.Fp16.MaxValue)
            {
                s.BeyondFp16++;
            }
            if (x != 0)
            {
                s.NonZero++;
                if (Numerics.Fp16.FlushesToZero(x))
                {
                    s.FlushToZero++;
                }
            }
        }
        s.Elements += v.Length;
        var positions = Positions(v.Length);
        _fp32Samples[name] = (positions, [.. positions.Select(p => (double)v[p])], nonFinite);
    }

    private void CompareFp16(OpStatistics s, Tensor t, (int[] Positions, double[] Values, int NonFinite) reference)
    {
        s.SeenInFp16 = true;
        var v = t.AsFloats();
        var fresh = 0L;
        var nonFinite = 0;
        foreach (var x in v)
        {
            s.NaNFp16 += float.IsNaN(x) ? 1 : 0;
            s.InfFp16 += float.IsInfinity(x) ? 1 : 0;
            nonFinite += float.IsFinite(x) ? 0 : 1;
        }
        if (reference.Positions.Length > 0 && reference.Positions[^1] >= v.Length)
        {
            return;
        }
        var atol = AtolOfRange * s.AbsMax;
        for (var k = 0; k < reference.Positions.Length; k++)
        {
            var (a, r) = ((double)v[reference.Positions[k]], reference.Values[k]);
            if (!double.IsFinite(r))
            {
                continue;
            }
            s.Compared++;
            if (!double.IsFinite(a))
            {
                fresh++;
                continue;
            }
            var d = Math.Abs(a - r);
            s.MaxAbsError = Math.Max(s.MaxAbsError, d);
            if (r != 0)
            {
                s.MaxRelError = Math.Max(s.MaxRelError, d / Math.Abs(r));
            }
            if (d > atol + (Rtol * Math.Abs(r)))
            {
                s.OutOfTolerance++;
            }
        }
        // Counts over the whole tensor catch non-finite values the sampled positions miss.
        if ((fresh > 0 || nonFinite > reference.NonFinite) && s.FirstNonFiniteSample is null)
        {
            s.FirstNonFiniteSample = Sample;
        }
    }

    private int[] Positions(int length)
    {
        if (length <= sampleSize)
        {
            return [.. Enumerable.Range(0, length)];
        }
        var positions = new int[sampleSize];
        for (var k = 0; k < sampleSize; k++)
        {
            positions[k] = (int)((long)k * length / sampleSize);
        }
        return positions;
    }
}
