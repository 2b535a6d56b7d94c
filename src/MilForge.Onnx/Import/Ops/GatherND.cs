using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// GatherND → MIL <c>gather_nd</c>; batch_dims (opset 12) needs iOS16's gather_nd. Negative indices are made
/// positive where the target needs it (<see cref="NdIndices"/>).
/// </summary>
[OnnxOp("GatherND", 11, 12, 13)]
internal sealed class GatherND : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var batchDims = (int)context.Attributes.Int("batch_dims", 0);
        if (batchDims < 0 || batchDims >= x.Shape.Rank)
        {
            throw context.Unsupported($"batch_dims {batchDims} is out of range for rank {x.Shape.Rank}");
        }
        if (batchDims > 0 && context.Builder.Function.Target < DeploymentTarget.iOS16)
        {
            throw context.Unsupported($"batch_dims {batchDims} needs gather_nd of deployment target iOS16 or later");
        }
        var indices = NdIndices.Normalize(context, x, context.Input(1), batchDims);
        var args = new Mil.Building.OpArgs { { "x", x }, { "indices", indices } };
        if (batchDims > 0)
        {
            args.Add("batch_dims", batchDims);
        }
        context.SetOutput(0, context.Op("gather_nd", args));
    }
}
