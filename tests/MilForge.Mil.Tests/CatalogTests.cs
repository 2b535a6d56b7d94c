using MilForge.Mil.Ops;

namespace MilForge.Mil.Tests;

public class CatalogTests
{
    [Fact]
    public void EveryDefinitionLoadsWithAWellFormedSpec()
    {
        var all = OpCatalog.Default.All.ToList();
        Assert.True(all.Count > 80, $"only {all.Count} definitions");
        foreach (var d in all)
        {
            Assert.True(NameScope.IsValidIdentifier(d.Name), d.ToString());
            Assert.Equal(d.Inputs.Count, d.Inputs.Select(i => i.Name).Distinct().Count());
            Assert.All(d.Inputs, i => Assert.True(NameScope.IsValidIdentifier(i.Name) && i.Domain.Allowed.Length > 0, $"{d}: {i.Name}"));
            Assert.All(d.Inputs, i => Assert.Same(i, d.FindInput(i.Name)));
            Assert.All(d.Inputs.Where(i => i.Default is not null), i => Assert.True(i.IsOptional, $"{d}: {i.Name} has a default but is required"));
            Assert.True(Enum.IsDefined(d.Since), d.ToString());
        }
    }

    [Fact]
    public void NoNameAndSinceIsClaimedTwice()
    {
        var keys = OpCatalog.Default.All.Select(d => (d.Name, d.Since)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var cast = OpCatalog.Default.Resolve("cast", DeploymentTarget.iOS15)!;
        var e = Assert.Throws<ArgumentException>(() => new OpCatalog([cast, OpCatalog.Default.Resolve("cast", DeploymentTarget.iOS16)!]));
        Assert.Contains("cast", e.Message);
    }

    [Fact]
    public void ResolvePicksTheNewestVersionAtTheTarget()
    {
        var catalog = OpCatalog.Default;
        Assert.Equal(DeploymentTarget.iOS15, catalog.Resolve("cast", DeploymentTarget.iOS16)!.Since);
        Assert.Equal(DeploymentTarget.iOS17, catalog.Resolve("cast", DeploymentTarget.iOS17)!.Since);
        Assert.Equal(DeploymentTarget.iOS17, catalog.Resolve("cast", DeploymentTarget.iOS18)!.Since);
        Assert.Equal(DeploymentTarget.iOS15, catalog.Oldest("cast")!.Since);
        Assert.Null(catalog.Resolve("no_such_op", DeploymentTarget.iOS18));
        Assert.Null(catalog.Oldest("no_such_op"));
        Assert.True(catalog.Contains("conv"));
        Assert.Equal(catalog.OpTypes.Order(StringComparer.Ordinal), catalog.OpTypes);
        Assert.Equal(catalog.All.Select(d => d.Name).Distinct().Count(), catalog.OpTypes.Count());
    }

    [Fact]
    public void DeploymentTargetFacts()
    {
        Assert.Equal((6, "CoreML5"), (DeploymentTarget.iOS15.SpecificationVersion(), DeploymentTarget.iOS15.Opset()));
        Assert.Equal((7, "CoreML6"), (DeploymentTarget.iOS16.SpecificationVersion(), DeploymentTarget.iOS16.Opset()));
        Assert.Equal((8, "CoreML7"), (DeploymentTarget.iOS17.SpecificationVersion(), DeploymentTarget.iOS17.Opset()));
        Assert.Equal((9, "CoreML8"), (DeploymentTarget.iOS18.SpecificationVersion(), DeploymentTarget.iOS18.Opset()));
        Assert.Equal(DeploymentTarget.iOS17, DeploymentTargets.FromOpset("CoreML7"));
        Assert.Null(DeploymentTargets.FromOpset("CoreML9"));
        Assert.True(DeploymentTargets.TryParse("ios16", out var t) && t == DeploymentTarget.iOS16);
        Assert.True(DeploymentTargets.TryParse("18", out t) && t == DeploymentTarget.iOS18);
        Assert.False(DeploymentTargets.TryParse("iOS14", out _));
    }
}
