namespace MilForge.OnnxRuntime;

/// <summary>How much ONNX Runtime may rewrite the graph before running it.</summary>
public enum OrtGraphOptimization
{
    /// <summary>No graph rewriting.</summary>
    None,

    /// <summary>
    /// Semantics-preserving rewrites only (constant folding, redundant node removal) — the reference setting, so
    /// results stay close to the plain operator definitions.
    /// </summary>
    Basic,

    /// <summary>Basic plus node fusions.</summary>
    Extended,

    /// <summary>Everything ONNX Runtime offers, including layout changes (its own default).</summary>
    All,
}

/// <summary>The options an <see cref="OrtSession"/> is created with. The defaults are the reference policy.</summary>
public sealed record OrtSessionSettings
{
    /// <summary>The reference policy: <see cref="OrtGraphOptimization.Basic"/>, one intra-op thread.</summary>
    public static OrtSessionSettings Reference { get; } = new();

    /// <summary>Graph optimization level (default <see cref="OrtGraphOptimization.Basic"/>).</summary>
    public OrtGraphOptimization Optimization { get; init; } = OrtGraphOptimization.Basic;

    /// <summary>Intra-op threads (default 1); 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; } = 1;
}
