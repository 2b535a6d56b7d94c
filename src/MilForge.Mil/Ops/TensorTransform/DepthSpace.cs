namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>depth_to_space(x, block_size)</c>: rank-4 [N, C·b², H, W] → [N, C, H·b, W·b] in DCR order: output
/// (n, c, h·b+i, w·b+j) is input (n, (i·b+j)·C + c, h, w) (TensorFlow's depth_to_space, ONNX DepthToSpace DCR).
/// </summary>
internal sealed class DepthToSpace : OpDefinition
{
    public override string Name => "depth_to_space";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("block_size", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [PixelShuffling.Infer(inputs, inputs.Int("block_size"), upscale: true)];
}

/// <summary>
/// <c>space_to_depth(x, block_size)</c>: the inverse of <c>depth_to_space</c>, rank-4 [N, C, H·b, W·b] →
/// [N, C·b², H, W]; output channel (i·b+j)·C + c at (h, w) is input (n, c, h·b+i, w·b+j).
/// </summary>
internal sealed class SpaceToDepth : OpDefinition
{
    public override string Name => "space_to_depth";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("block_size", TypeDomain.Int32),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [PixelShuffling.Infer(inputs, inputs.Int("block_size"), upscale: false)];
}
