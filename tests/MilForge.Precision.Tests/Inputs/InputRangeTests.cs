using MilForge.Diagnostics;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Inputs;

public class InputRangeTests
{
    private static readonly TensorSignature[] Signatures =
    [
        new("image", DataType.Float32, Shape.Of(3, 64)),
        new("ids", DataType.Int64, Shape.Of(200)),
    ];

    [Fact]
    public void GeneratedValuesLieInTheGivenRanges()
    {
        var overrides = InputOverrides.Parse(null, null, ["image:0,255", "ids:5,9"]);
        var inputs = RandomInputs.Generate(Signatures, seed: 3, overrides.Ranges);
        var image = inputs["image"].AsDoubles();
        Assert.All(image, v => Assert.InRange(v, 0, 255));
        Assert.True(image.Max() > 128, "values should spread over the range, not stay in [-1, 1)");
        var ids = inputs["ids"].AsDoubles();
        Assert.All(ids, v => Assert.InRange(v, 5, 9));
        Assert.Equal([5.0, 6, 7, 8, 9], ids.Distinct().Order());
    }

    [Fact]
    public void NamesMayHoldColonsAndBoundsMayBeNegative()
    {
        var (name, range) = InputOverrides.ParseRange("serving:x:-1.5,2e3");
        Assert.Equal("serving:x", name);
        Assert.Equal(new InputRange(-1.5, 2000), range);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("image:1")]
    [InlineData("image:a,b")]
    [InlineData("image:3,1")]
    [InlineData("image:0,inf")]
    [InlineData(":0,1")]
    public void MalformedRangesAreUsageErrors(string text)
    {
        var error = Assert.Throws<DiagnosticException>(() => InputOverrides.ParseRange(text));
        Assert.Equal(DiagnosticCodes.CliUsage, error.Code);
    }

    [Fact]
    public void ARangeForAnUnknownInputNamesTheModelsInputs()
    {
        var overrides = InputOverrides.Parse(null, null, ["pixels:0,1"]);
        var error = Assert.Throws<DiagnosticException>(() => overrides.Validate(Signatures, "m.onnx"));
        Assert.Equal(DiagnosticCodes.OnnxBadInputSpec, error.Code);
        Assert.Contains("'image'", error.Message);
    }
}
