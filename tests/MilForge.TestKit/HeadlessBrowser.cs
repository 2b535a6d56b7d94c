using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MilForge.TestKit;

/// <summary>A page as headless Chromium left it after its scripts ran, and every console message it logged.</summary>
/// <param name="Dom">The serialized DOM after load.</param>
/// <param name="ConsoleMessages">Console messages and uncaught errors (Chromium logs both as CONSOLE lines).</param>
public sealed record BrowserPage(string Dom, IReadOnlyList<string> ConsoleMessages);

/// <summary>
/// Loads local HTML files in headless Chromium (Debian's <c>chromium</c>, or <c>MILFORGE_CHROMIUM</c>) with the
/// network mapped to nowhere, so a report that needs the network fails visibly. Tests that use it have "Browser" in
/// their name; they skip with a reason when no browser is installed, unless <c>MILFORGE_REQUIRE_BROWSER=1</c> (CI).
/// </summary>
public static partial class HeadlessBrowser
{
    private static readonly Lazy<string?> ExecutablePath = new(Find);

    /// <summary>The browser executable, or skips (fails under MILFORGE_REQUIRE_BROWSER=1) when none is installed.</summary>
    public static string Require()
    {
        if (ExecutablePath.Value is { } path)
        {
            return path;
        }
        const string reason = "needs headless Chromium (apt-get install chromium, or MILFORGE_CHROMIUM=/path/to/chrome); none found";
        if (Environment.GetEnvironmentVariable("MILFORGE_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(reason);
        }
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>Loads <paramref name="htmlFile"/>, runs its scripts, and returns the DOM and console messages.</summary>
    public static BrowserPage Load(string htmlFile)
    {
        var (stdout, stderr) = Run(["--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri]);
        var console = stderr.Split('\n').Where(l => ConsoleLine().IsMatch(l)).Select(l => l.Trim()).ToList();
        return new BrowserPage(stdout, console);
    }

    /// <summary>
    /// Every resource the page requested while loading (Resource Timing lists failed requests too), read by a probe
    /// script added to a copy of the page.
    /// </summary>
    public static IReadOnlyList<string> RequestedResources(string htmlFile)
    {
        const string probe = "<script>window.addEventListener('load', function () { var p = document.createElement('pre'); p.id = 'milforge-resource-probe';"
            + " p.textContent = performance.getEntriesByType('resource').map(function (e) { return e.name; }).join('\\n'); document.body.appendChild(p); });</script>";
        var copy = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(htmlFile))!, "probe-" + Path.GetFileName(htmlFile));
        File.WriteAllText(copy, File.ReadAllText(htmlFile) + probe);
        try
        {
            var match = ResourceProbe().Match(Load(copy).Dom);
            Assert.True(match.Success, "the resource probe did not run");
            return [.. match.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>Writes a PNG screenshot of <paramref name="htmlFile"/> at the given window size.</summary>
    public static void Screenshot(string htmlFile, string png, int width = 1280, int height = 1600) =>
        Run([$"--screenshot={Path.GetFullPath(png)}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri]);

    private static (string Stdout, string Stderr) Run(IEnumerable<string> arguments)
    {
        var profile = Path.Combine(Path.GetTempPath(), "milforge-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Require()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-quic",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                $"--user-data-dir={profile}", .. arguments])
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("headless Chromium did not finish within 120 s");
            }
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("MILFORGE_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        var names = OperatingSystem.IsWindows() ? (string[])["chrome.exe", "msedge.exe"] : ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.SelectMany(f => names.Select(n => Path.Combine(f, n))).FirstOrDefault(File.Exists);
    }

    [GeneratedRegex("<pre id=\"milforge-resource-probe\">([^<]*)</pre>")]
    private static partial Regex ResourceProbe();

    [GeneratedRegex(@":CONSOLE[:(]")]
    private static partial Regex ConsoleLine();
}
