using System.Text;

namespace MilForge.TestKit;

/// <summary>
/// Golden-file checks: compares text with a file under the repository. On a mismatch the actual text is written to
/// <c>&lt;file&gt;.actual</c> and the test fails with a summary of the first difference. With <c>UPDATE_GOLDEN=1</c>
/// the golden file is rewritten instead.
/// </summary>
public static class Golden
{
    /// <summary>True when goldens are being rewritten (<c>UPDATE_GOLDEN=1</c>).</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Checks <paramref name="actual"/> against the golden file at <paramref name="relativePath"/> (from the repository root).</summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = System.IO.Path.Combine(SharedData.RepositoryRoot, relativePath);
        var actualPath = path + ".actual";
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Updating)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            File.Delete(actualPath);
            return;
        }
        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }
        File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
        Assert.Fail(expected is null
            ? $"Golden file '{relativePath}' does not exist; the actual text is in '{actualPath}'. Run with UPDATE_GOLDEN=1 to create it."
            : $"Golden file '{relativePath}' differs ({Summary(expected, actual)}); the actual text is in '{actualPath}'. Run with UPDATE_GOLDEN=1 to accept it.");
    }

    /// <summary>A one-paragraph description of the first difference between two texts.</summary>
    public static string Summary(string expected, string actual)
    {
        var e = Lines(expected);
        var a = Lines(actual);
        var changed = Enumerable.Range(0, Math.Max(e.Length, a.Length))
            .Count(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"{e.Length} expected vs {a.Length} actual lines, {changed} differ; first at line {i + 1}:\n  expected: {el}\n  actual:   {al}\n";
            }
        }
        return "texts are equal";
    }

    private static string[] Lines(string text) => (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
}
