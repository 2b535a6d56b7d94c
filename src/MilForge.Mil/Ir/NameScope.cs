using System.Text;

namespace MilForge.Mil;

/// <summary>Hands out unique MIL identifiers (<c>[A-Za-z_][A-Za-z0-9_@]*</c>) within one function.</summary>
public sealed class NameScope
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is a valid MIL identifier.</summary>
    public static bool IsValidIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '@');
    }

    /// <summary>
    /// Turns any text into an identifier the way coremltools does: every character outside [A-Za-z0-9_] becomes
    /// '_', and '_' is prefixed when the first character is not a letter or '_'.
    /// </summary>
    public static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (sb.Length == 0 || !(char.IsAsciiLetter(sb[0]) || sb[0] == '_'))
        {
            sb.Insert(0, '_');
        }
        return sb.ToString();
    }

    /// <summary>Marks <paramref name="name"/> as used; false if it already was.</summary>
    public bool Reserve(string name) => _used.Add(name);

    /// <summary>Frees a name (its value was removed or renamed).</summary>
    public void Release(string name) => _used.Remove(name);

    /// <summary>True when the name is taken.</summary>
    public bool IsUsed(string name) => _used.Contains(name);

    /// <summary>A new unique identifier derived from <paramref name="hint"/>.</summary>
    public string Unique(string hint)
    {
        var baseName = Sanitize(hint);
        if (_used.Add(baseName))
        {
            return baseName;
        }
        var n = _next.GetValueOrDefault(baseName, 1);
        string candidate;
        do
        {
            candidate = $"{baseName}_{n++}";
        }
        while (!_used.Add(candidate));
        _next[baseName] = n;
        return candidate;
    }
}
