using MilForge.Mil;
using MilForge.Mil.Ops;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime.Tests;

/// <summary>
/// For every op type with a kernel, random valid instances (see <see cref="OpRecipes"/>) run through the interpreter,
/// and each output's dtype and shape must equal the type inferred when the op was built.
/// </summary>
public class CatalogPropertyTests
{
    /// <summary>Ops whose output shape depends on the input values, so it is symbolic even when every input is static.</summary>
    private static readonly HashSet<string> DataDependentShapes = ["non_zero"];

    public static TheoryData<string> KernelOps() => [.. KernelRegistry.Default.OpTypes];

    [Fact]
    public void EveryDefinitionHasAKernelAndEveryKernelADefinition()
    {
        // const and the ops owning blocks (cond, while_loop) are run by the interpreter itself.
        var defined = OpCatalog.Default.All.Where(d => d.Name != "const" && d.BlockCount == 0).Select(d => d.Name).ToHashSet();
        var kernels = KernelRegistry.Default.OpTypes.ToHashSet();
        var noKernel = defined.Except(kernels).Order().ToList();
        var noDefinition = kernels.Except(defined).Order().ToList();
        Assert.True(noKernel.Count == 0 && noDefinition.Count == 0,
            $"definitions without a kernel: [{string.Join(", ", noKernel)}]; kernels without a definition: [{string.Join(", ", noDefinition)}]");
    }

    [Fact]
    public void EveryKernelOpHasARecipe() =>
        Assert.Equal(KernelRegistry.Default.OpTypes, OpRecipes.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(KernelOps))]
    public void KernelOutputsMatchInferredTypes(string op)
    {
        var recipe = OpRecipes.All[op];
        for (var seed = 0; seed < 100; seed++)
        {
            var floatType = seed % 2 == 0 ? DataType.Float32 : DataType.Float16;
            // The cast recipe uses iOS17's 8- and 16-bit targets; the gather recipes use negative indices, valid before iOS17.
            // Ops newer than iOS16 (quantize, constexpr_blockwise_shift_scale) run at their own target.
            var oldest = Mil.Ops.OpCatalog.Default.Oldest(op)!.Since;
            var h = new KernelHarness(op == "cast" ? DeploymentTarget.iOS17 : oldest > DeploymentTarget.iOS16 ? oldest : DeploymentTarget.iOS16);
            var context = new RecipeContext(h, new Random((op.Sum(ch => ch) * 1000) + seed), floatType);
            IReadOnlyList<Value> outputs;
            string text;
            try
            {
                outputs = recipe(context);
                text = new Mil.Text.MilPrinter().Print(h.Program.Main);
            }
            catch (Diagnostics.DiagnosticException e)
            {
                Assert.Fail($"{op} seed {seed}: the recipe built an invalid op: {e.Message}");
                return;
            }
            var declared = outputs.Select(o => (TensorType)o.Type).ToList();
            IReadOnlyList<Tensor> results;
            try
            {
                results = h.Run(outputs);
            }
            catch (Exception e)
            {
                Assert.Fail($"{op} seed {seed} failed: {e.Message}\ninputs: {string.Join(", ", h.Feeds.Select(f => $"{f.Key}={f.Value}"))}\n{text}");
                return;
            }
            for (var i = 0; i < results.Count; i++)
            {
                Assert.Equal(declared[i].DataType, results[i].DataType);
                if (DataDependentShapes.Contains(op))
                {
                    Assert.Equal(declared[i].Rank, results[i].Rank);
                    Assert.All(declared[i].Shape.Dims.Zip(results[i].Shape), p => Assert.True(!p.First.IsKnown || p.First.Size == p.Second));
                    continue;
                }
                Assert.True(declared[i].Shape.IsStatic, $"{op} seed {seed}: output {i} is {declared[i]} though every input is static\n{text}");
                Assert.Equal(declared[i].Shape.ToStatic(), results[i].Shape);
            }
        }
    }
}
