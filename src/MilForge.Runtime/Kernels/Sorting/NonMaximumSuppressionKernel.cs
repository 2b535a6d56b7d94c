using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Sorting;

/// <summary>
/// <c>non_maximum_suppression</c> (iOS15 layout [n, B, 4] / [n, B, K] with a score threshold and a count output;
/// iOS17 layout [n, 4, B] / [n, K, B] without). Per batch: each box's score is its best class score (its class the
/// first best); candidates are the boxes scoring above score_threshold, taken in descending score order (ties: lower
/// index first); a candidate is dropped when its IoU with a taken box (of its class, with per_class_suppression)
/// exceeds iou_threshold, an IoU of 0/0 dropping nothing. When no box qualifies, the best-scoring box is returned
/// alone, as Core ML does. IoU is computed in float from the center-size coordinates.
/// </summary>
internal sealed class NonMaximumSuppressionKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["non_maximum_suppression"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var boxesLast = context.Op.Outputs.Count == 3;
        var boxesTensor = context.Input("boxes");
        var scoresTensor = context.Input("scores");
        var shape = scoresTensor.ShapeArray();
        var (n, count, classes) = boxesLast ? (shape[0], shape[2], shape[1]) : (shape[0], shape[1], shape[2]);
        var maxBoxes = context.Int("max_boxes", 1);
        var iouThreshold = context.Float("iou_threshold", 0);
        var scoreThreshold = boxesLast ? float.NegativeInfinity : context.Float("score_threshold", 0);
        var perClass = context.Bool("per_class_suppression", false);
        var boxes = boxesTensor.AsFloats();
        var scores = scoresTensor.AsFloats();
        var outBoxes = new float[n * maxBoxes * 4];
        var outScores = new float[n * maxBoxes * classes];
        var outIndices = new int[n * maxBoxes];
        Array.Fill(outIndices, -1);
        var valid = new int[n];
        var best = new float[count];
        var label = new int[count];
        for (var b = 0; b < n; b++)
        {
            float Box(int box, int coordinate) => boxes[boxesLast ? (((b * 4) + coordinate) * count) + box : (((b * count) + box) * 4) + coordinate];
            float Score(int box, int c) => scores[boxesLast ? (((b * classes) + c) * count) + box : (((b * count) + box) * classes) + c];
            for (var i = 0; i < count; i++)
            {
                (best[i], label[i]) = (Score(i, 0), 0);
                for (var c = 1; c < classes; c++)
                {
                    if (Score(i, c) > best[i])
                    {
                        (best[i], label[i]) = (Score(i, c), c);
                    }
                }
            }
            var taken = Select(best, label, count, maxBoxes, scoreThreshold, perClass,
                (p, q) => Iou(Box(p, 0), Box(p, 1), Box(p, 2), Box(p, 3), Box(q, 0), Box(q, 1), Box(q, 2), Box(q, 3)) > iouThreshold);
            valid[b] = taken.Count;
            for (var j = 0; j < taken.Count; j++)
            {
                var slot = (b * maxBoxes) + j;
                outIndices[slot] = taken[j];
                for (var d = 0; d < 4; d++)
                {
                    outBoxes[boxesLast ? (((b * 4) + d) * maxBoxes) + j : (slot * 4) + d] = Box(taken[j], d);
                }
                for (var c = 0; c < classes; c++)
                {
                    outScores[boxesLast ? (((b * classes) + c) * maxBoxes) + j : (slot * classes) + c] = Score(taken[j], c);
                }
            }
        }
        var indices = Tensor.Create(outIndices, n, maxBoxes);
        if (boxesLast)
        {
            return [context.Output(outBoxes, [n, 4, maxBoxes]), context.Output(outScores, [n, classes, maxBoxes], 1), indices];
        }
        return [context.Output(outBoxes, [n, maxBoxes, 4]), context.Output(outScores, [n, maxBoxes, classes], 1), indices, Tensor.Create(valid, n)];
    }

    /// <summary>The greedy selection over one batch: box indices in the order taken.</summary>
    private static List<int> Select(float[] best, int[] label, int count, int maxBoxes, float scoreThreshold, bool perClass,
        Func<int, int, bool> suppresses)
    {
        var candidates = Enumerable.Range(0, count).Where(i => best[i] > scoreThreshold).ToArray();
        // A stable sort: equal scores keep the lower index first.
        var order = candidates.OrderByDescending(i => best[i]).ToArray();
        var taken = new List<int>();
        foreach (var i in order)
        {
            if (taken.Count == maxBoxes)
            {
                break;
            }
            if (!taken.Any(t => (!perClass || label[t] == label[i]) && suppresses(t, i)))
            {
                taken.Add(i);
            }
        }
        if (taken.Count == 0 && count > 0)
        {
            var top = 0;
            for (var i = 1; i < count; i++)
            {
                top = best[i] > best[top] ? i : top;
            }
            taken.Add(top);
        }
        return taken;
    }

    /// <summary>Intersection over union of two center-size boxes; NaN (suppressing nothing) when both are empty.</summary>
    private static float Iou(float x1, float y1, float w1, float h1, float x2, float y2, float w2, float h2)
    {
        var width = Math.Max(0f, Math.Min(x1 + (0.5f * w1), x2 + (0.5f * w2)) - Math.Max(x1 - (0.5f * w1), x2 - (0.5f * w2)));
        var height = Math.Max(0f, Math.Min(y1 + (0.5f * h1), y2 + (0.5f * h2)) - Math.Max(y1 - (0.5f * h1), y2 - (0.5f * h2)));
        var intersection = width * height;
        return intersection / ((w1 * h1) + (w2 * h2) - intersection);
    }
}
