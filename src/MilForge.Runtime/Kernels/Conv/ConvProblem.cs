namespace MilForge.Runtime.Kernels.Conv;

/// <summary>The operands and geometry of one <c>conv</c>, shared by the reference and the fast kernel.</summary>
internal sealed record ConvProblem(float[] X, float[] W, float[]? Bias, Window Window, int Batch, int Cin, int Cout, int Groups)
{
    public int CinPerGroup => Cin / Groups;

    public int CoutPerGroup => Cout / Groups;

    public int[] OutputShape => [Batch, Cout, .. Window.OutputSpatial];

    public static ConvProblem From(KernelContext context)
    {
        var xt = context.Input("x");
        var wt = context.Input("weight");
        var ones = Enumerable.Repeat(1, xt.Rank - 2).ToArray();
        var window = new Window(xt.ShapeArray()[2..], wt.ShapeArray()[2..], context.Ints("strides", ones)!,
            context.Ints("dilations", ones)!, context.String("pad_type", "valid"), context.Ints("pad"), ceilMode: false);
        return new ConvProblem(xt.AsFloats(), ConstantFloats.Of(context, "weight"), ConstantFloats.OfOptional(context, "bias"), window,
            xt.Shape[0], xt.Shape[1], wt.Shape[0], context.Int("groups", 1));
    }
}
