using System.Collections;

namespace MilForge.Mil.Building;

/// <summary>Named op inputs in the order given, written with a collection initializer: <c>new() { { "x", x } }</c>.</summary>
public sealed class OpArgs : IEnumerable<KeyValuePair<string, Arg>>
{
    private readonly List<KeyValuePair<string, Arg>> _items = [];

    /// <summary>Adds an input.</summary>
    public void Add(string name, Arg value) => _items.Add(new(name, value));

    /// <summary>Adds an input only when <paramref name="value"/> is not null.</summary>
    public void AddIfPresent(string name, Value? value)
    {
        if (value is not null)
        {
            _items.Add(new(name, value));
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Arg>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
