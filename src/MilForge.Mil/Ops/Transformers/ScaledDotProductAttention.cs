using MilForge.Numerics;

namespace MilForge.Mil.Ops.Transformers;

/// <summary>
/// iOS18 <c>scaled_dot_product_attention(query, key, value, attn_mask)</c> =
/// softmax(query·keyᵀ / √E + mask, last axis)·value, for query [B…, L, E], key [B…, S, E], value [B…, S, EV] (same
/// rank ≥ 3 and batch dims). A bool mask keeps the scores where it is true (−∞ elsewhere), a float mask is added; it
/// broadcasts to [B…, L, S]. The result is [B…, L, EV] of the query's type.
/// </summary>
internal sealed class ScaledDotProductAttention : OpDefinition
{
    public override string Name => "scaled_dot_product_attention";

    public override DeploymentTarget Since => DeploymentTarget.iOS18;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("query", TypeDomain.FloatT),
        InputSpec.Required("key", TypeDomain.FloatT),
        InputSpec.Required("value", TypeDomain.FloatT),
        InputSpec.Optional("attn_mask", new TypeDomain("M", [DataType.Bool, DataType.Float16, DataType.Float32])),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var (q, k, v) = (inputs.Type("query").Shape, inputs.Type("key").Shape, inputs.Type("value").Shape);
        var rank = q.Rank;
        if (rank < 3 || k.Rank != rank || v.Rank != rank)
        {
            throw inputs.ShapeError($"query {q}, key {k} and value {v} must have one rank ≥ 3");
        }
        for (var i = 0; i < rank - 2; i++)
        {
            if (Differ(q[i], k[i]) || Differ(q[i], v[i]))
            {
                throw inputs.ShapeError($"query {q}, key {k} and value {v} must have the same batch dims");
            }
        }
        if (Differ(q[^1], k[^1]) || Differ(k[^2], v[^2]))
        {
            throw inputs.ShapeError($"query {q} and key {k} must share E, key and value {v} must share S");
        }
        if (inputs.TypeOrNull("attn_mask")?.Shape is { } mask)
        {
            var target = new Shape([.. q.Dims[..^1], k[^2]]);
            if (mask.Rank == 0 || mask.Rank > rank || Differ(mask[^1], k[^2]) || Broadcasting.TryBroadcast(target, mask) is not { } b || b.Rank != rank)
            {
                throw inputs.ShapeError($"attn_mask {mask} must broadcast to [B…, L, S] = {target}");
            }
        }
        return [new TensorType(inputs.Type("query").DataType, new Shape([.. q.Dims[..^1], v[^1]]))];
    }

    private static bool Differ(Dim a, Dim b) => a.IsKnown && b.IsKnown && a.Size != b.Size;
}
