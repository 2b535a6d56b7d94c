namespace MilForge.Mil.Tests;

/// <summary>The TestKit golden helper's difference summary (the file-writing side is exercised by the golden tests).</summary>
public class GoldenHelperTests
{
    [Fact]
    public void SummaryNamesTheFirstDifferingLine()
    {
        var summary = Golden.Summary("a\nb\nc\n", "a\nB\nc\nd\n");
        Assert.Contains("3 expected vs 4 actual lines, 2 differ; first at line 2", summary);
        Assert.Contains("expected: b", summary);
        Assert.Contains("actual:   B", summary);
        Assert.Contains("actual:   <end of file>", Golden.Summary("x\ny", "x"));
        Assert.Equal("texts are equal", Golden.Summary("same", "same"));
    }
}
