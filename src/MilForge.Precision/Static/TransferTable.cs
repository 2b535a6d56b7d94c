namespace MilForge.Precision.Static;

/// <summary>
/// The transfer function of each MIL op type: from the bounds of its inputs to one interval per output, or null when
/// the op's parameters put it outside what the function covers (the op is then unknown).
/// </summary>
public sealed class TransferTable
{
    private readonly Dictionary<string, Func<TransferContext, IReadOnlyList<Interval>?>> _functions = new(StringComparer.Ordinal);

    /// <summary>Every transfer function MilForge has.</summary>
    public static TransferTable Default { get; } = Build();

    /// <summary>The op types with a transfer function.</summary>
    public IEnumerable<string> OpTypes => _functions.Keys;

    /// <summary>The function of an op type, or null.</summary>
    public Func<TransferContext, IReadOnlyList<Interval>?>? Find(string opType) => _functions.GetValueOrDefault(opType);

    internal void Add(string opType, Func<TransferContext, IReadOnlyList<Interval>?> function) => _functions.Add(opType, function);

    internal void Unary(string opType, Func<Interval, Interval> function) => Add(opType, c => [function(c.Input("x"))]);

    private static TransferTable Build()
    {
        var table = new TransferTable();
        UnaryTransfers.Register(table);
        BinaryTransfers.Register(table);
        LinearTransfers.Register(table);
        NormTransfers.Register(table);
        ReductionTransfers.Register(table);
        DataMovementTransfers.Register(table);
        RecurrentTransfers.Register(table);
        return table;
    }
}
