namespace MilForge.Precision.Static;

/// <summary>
/// rnn, gru and lstm through their activations: an rnn's h is the activation's range; a gru's h is a convex
/// combination (weights from a [0, 1] gate) of the activation's range and the initial h; an lstm's h = o·act(c) with o
/// in [0, 1], and its cell grows by at most one activation per step: |c| ≤ |c₀| + S·max|cell_activation| (or the clip).
/// Activations other than tanh and (hard) sigmoid leave the op unknown.
/// </summary>
internal static class RecurrentTransfers
{
    public static void Register(TransferTable table)
    {
        table.Add("rnn", c => Range(c.String("activation", "tanh")) is { } h ? [h, h] : null);
        table.Add("gru", c =>
        {
            if (!IsGate(c.String("recurrent_activation", "sigmoid")) || Range(c.String("activation", "tanh")) is not { } candidate)
            {
                return null;
            }
            var h = candidate.Union(c.Input("initial_h"));
            return [h, h];
        });
        table.Add("lstm", c =>
        {
            if (!IsGate(c.String("recurrent_activation", "sigmoid")) || Range(c.String("cell_activation", "tanh")) is not { } cell
                || Range(c.String("activation", "tanh")) is not { } act)
            {
                return null;
            }
            var h = act.Union(Interval.Point(0));
            var steps = c.Dim("x", 0);
            var growth = c.Input("initial_c").Magnitude + (steps * cell.Magnitude);
            var limit = c.Has("clip") ? Math.Min(growth, Math.Abs(c.Float("clip", double.PositiveInfinity))) : growth;
            return [h, h, new Interval(-limit, limit, c.Input("initial_c").MayBeNaN)];
        });
    }

    private static bool IsGate(string activation) => activation.ToLowerInvariant() is "sigmoid" or "hard_sigmoid";

    private static Interval? Range(string activation) => activation.ToLowerInvariant() switch
    {
        "tanh" => new Interval(-1, 1),
        "sigmoid" or "hard_sigmoid" => Interval.Unit,
        _ => null,
    };
}
