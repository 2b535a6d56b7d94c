namespace MilForge.Diagnostics;

/// <summary>
/// Where a MIL operation (or a diagnostic) came from: the source-model node that produced it and the passes that
/// rewrote it since. Every MIL op carries one so that reports can name the ONNX node behind a failing op.
/// </summary>
/// <param name="NodeName">The source node's name (ONNX <c>NodeProto.name</c>, or a stable generated name).</param>
/// <param name="OpType">The source node's op type, e.g. <c>Mul</c>.</param>
/// <param name="Passes">Names of the graph passes that created or rewrote the op, oldest first.</param>
public sealed record Origin(string? NodeName, string? OpType, IReadOnlyList<string>? Passes = null)
{
    /// <summary>An origin for ops that no source node produced (e.g. ops created by hand in a test).</summary>
    public static Origin None { get; } = new(null, null);

    /// <summary>
    /// True for an op that must compute in FP32 whatever the compute precision: integer arithmetic carried out in float
    /// (e.g. ConvInteger's conv), which is exact in binary32 below 2^24 and overflows or rounds in binary16.
    /// </summary>
    public bool RequiresFp32 { get; init; }

    /// <summary>True when no source node is known.</summary>
    public bool IsNone => NodeName is null && OpType is null;

    /// <summary>Returns a copy that records that <paramref name="pass"/> touched the op.</summary>
    public Origin WithPass(string pass) => this with { Passes = [.. Passes ?? [], pass] };

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsNone)
        {
            return "(no source node)";
        }
        var text = $"ONNX node '{NodeName}' ({OpType})";
        return Passes is { Count: > 0 } ? $"{text} via {string.Join(", ", Passes)}" : text;
    }
}
