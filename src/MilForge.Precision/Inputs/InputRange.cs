namespace MilForge.Precision.Inputs;

/// <summary>A closed interval of values an input takes, [<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">The smallest value.</param>
/// <param name="High">The largest value (not below <paramref name="Low"/>).</param>
public sealed record InputRange(double Low, double High);
