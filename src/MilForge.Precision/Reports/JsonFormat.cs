using System.Text.Encodings.Web;
using System.Text.Json;

namespace MilForge.Precision.Reports;

/// <summary>How MilForge writes JSON files: indented, and readable (no \u escapes for '+', '&lt;' or non-ASCII names).</summary>
public static class JsonFormat
{
    /// <summary>Indented output with relaxed escaping; the files are data, never embedded in HTML unescaped.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
