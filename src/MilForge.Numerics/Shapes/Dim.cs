namespace MilForge.Numerics;

/// <summary>One dimension of a type's shape: a known size or a named symbol (unknown until run time).</summary>
public readonly record struct Dim
{
    private Dim(long size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The size when <see cref="IsKnown"/>; −1 otherwise.</summary>
    public long Size { get; }

    /// <summary>The symbol's name when the size is unknown; null for a known size.</summary>
    public string? Symbol { get; }

    /// <summary>True when the size is a known number.</summary>
    public bool IsKnown => Symbol is null;

    /// <summary>A known size.</summary>
    public static Dim Of(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new Dim(size, null);
    }

    /// <summary>A symbolic size, e.g. <c>batch</c>.</summary>
    public static Dim Of(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new Dim(-1, symbol);
    }

    /// <summary>Converts a size to a known dimension.</summary>
    public static implicit operator Dim(long size) => Of(size);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
