using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// AffineGrid (20), 2-D (theta [N, 2, 3], size [N, C, H, W]) and 3-D (theta [N, 3, 4], size [N, C, D, H, W]), with
/// align_corners 0 or 1, composed for a constant size: a constant homogeneous base grid [1, D·H·W, k + 1] of normalized
/// coordinates (x fastest, then y, then z) times thetaᵀ by one <c>matmul</c>, reshaped to [N, (D,) H, W, k].
/// align_corners with a spatial size of 1 is refused (implementations disagree on where the single point lies).
/// </summary>
[OnnxOp("AffineGrid", 20)]
internal sealed class AffineGrid : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var theta = context.Input(0);
        if (!theta.DataType.IsFloatType())
        {
            throw context.Unsupported($"{theta.DataType.MilName()} theta is not supported");
        }
        var size = context.RequireConstant(1, "size").AsLongs();
        if (size.Length is not (4 or 5) || size.Any(d => d < 1))
        {
            throw context.Unsupported($"size [{string.Join(", ", size)}] must be [N, C, H, W] or [N, C, D, H, W] with positive entries");
        }
        var spatial = size.Skip(2).Select(d => checked((int)d)).ToArray();
        var k = spatial.Length;
        if (theta.Shape.Rank != 3 || (theta.Shape[1].IsKnown && theta.Shape[1].Size != k) || (theta.Shape[2].IsKnown && theta.Shape[2].Size != k + 1)
            || (theta.Shape[0].IsKnown && theta.Shape[0].Size != size[0]))
        {
            throw context.Unsupported($"theta {theta.Shape} must be [{size[0]}, {k}, {k + 1}] for size [{string.Join(", ", size)}]");
        }
        var alignCorners = context.Attributes.Int("align_corners", 0) != 0;
        if (alignCorners && spatial.Contains(1))
        {
            // A single aligned point: the ONNX reference puts it at −1, ONNX Runtime at +1, PyTorch at 0.
            throw context.Unsupported($"align_corners with a spatial size of 1 (size [{string.Join(", ", size)}]) is ambiguous");
        }
        var basis = context.Const(BaseGrid(spatial, alignCorners, theta.DataType), "base_grid");
        var points = context.Op("matmul", new() { { "x", basis }, { "y", theta }, { "transpose_y", true } }, $"{context.OutputName()}_points");
        context.SetOutput(0, ConverterHelpers.Reshape(context, points, [checked((int)size[0]), .. spatial, k], context.OutputName()));
    }

    /// <summary>
    /// [1, prod(dims), k + 1]: per point its normalized coordinates from the innermost dim outwards, then 1. A dim of n
    /// points spans [−1, 1] at the corners (align_corners, n ≥ 2) or at the cell centers.
    /// </summary>
    private static Tensor BaseGrid(int[] dims, bool alignCorners, DataType type)
    {
        var k = dims.Length;
        var count = dims.Aggregate(1, (a, b) => a * b);
        var values = new double[count * (k + 1)];
        for (var p = 0; p < count; p++)
        {
            var rest = p;
            for (var d = k - 1; d >= 0; d--)
            {
                var i = rest % dims[d];
                rest /= dims[d];
                var n = dims[d];
                var coordinate = alignCorners ? -1 + (2.0 * i / (n - 1)) : ((2.0 * i) + 1 - n) / n;
                values[(p * (k + 1)) + (k - 1 - d)] = coordinate;
            }
            values[(p * (k + 1)) + k] = 1;
        }
        return Tensor.FromDoubles(values, [1, count, k + 1], type);
    }
}
