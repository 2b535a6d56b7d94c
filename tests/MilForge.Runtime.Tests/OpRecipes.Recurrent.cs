using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

internal static partial class OpRecipes
{
    /// <summary>lstm, gru and rnn on fp32 (their iOS16 versions are fp32 only), every direction and activation.</summary>
    private static void AddRecurrent(Dictionary<string, Func<RecipeContext, IReadOnlyList<Value>>> all)
    {
        string[] activations = ["tanh", "scaled_tanh", "sigmoid", "hard_sigmoid", "relu", "linear"];
        foreach (var (op, gates) in new[] { ("lstm", 4), ("gru", 3), ("rnn", 1) })
        {
            all[op] = c =>
            {
                var (steps, batch, features, hidden) = (c.Dim(), c.Dim(), c.Dim(), c.Dim(1, 4, zero: false));
                var direction = op == "lstm" ? c.Pick("forward", "reverse", "bidirectional") : c.Pick("forward", "reverse");
                var width = (direction == "bidirectional" ? 2 : 1) * hidden;
                Tensor Weights(params int[] shape) => Tensor.FromDoubles(
                    [.. Enumerable.Range(0, Reference.Count(shape)).Select(_ => c.R.NextDouble() - 0.5)], shape, DataType.Float32);
                var args = new OpArgs
                {
                    { "x", c.Data([steps, batch, features], DataType.Float32) },
                    { "initial_h", c.Data([batch, width], DataType.Float32) },
                    { "weight_ih", Weights(gates * hidden, features) },
                    { "weight_hh", Weights(gates * hidden, hidden) },
                    { "direction", direction },
                    { "output_sequence", c.Coin() },
                    { "activation", c.Pick(activations) },
                };
                if (c.Coin())
                {
                    args.Add("bias", Weights(gates * hidden));
                }
                if (op == "gru")
                {
                    args.Add("recurrent_activation", c.Pick(activations));
                }
                if (op == "lstm")
                {
                    args.Add("initial_c", c.Data([batch, width], DataType.Float32));
                    args.Add("recurrent_activation", c.Pick(activations));
                    args.Add("cell_activation", c.Pick(activations));
                    if (c.Coin())
                    {
                        args.Add("peephole", Weights(3 * hidden));
                    }
                    if (c.Coin())
                    {
                        args.Add("clip", Tensor.FromDoubles([0.5 + c.R.NextDouble()], [], DataType.Float32));
                    }
                    if (direction == "bidirectional")
                    {
                        args.Add("weight_ih_back", Weights(gates * hidden, features));
                        args.Add("weight_hh_back", Weights(gates * hidden, hidden));
                    }
                }
                return c.B.Build(op, args);
            };
        }
    }
}
