namespace MilForge.Runtime.Kernels;

/// <summary>Maps MIL op types to kernels. <see cref="Default"/> holds every kernel in this assembly.</summary>
public sealed class KernelRegistry
{
    private readonly Dictionary<string, IKernel> _kernels = new(StringComparer.Ordinal);

    /// <summary>Creates a registry of the given kernels; an op type claimed twice is an error.</summary>
    public KernelRegistry(IEnumerable<IKernel> kernels)
    {
        foreach (var kernel in kernels)
        {
            foreach (var type in kernel.OpTypes)
            {
                if (!_kernels.TryAdd(type, kernel))
                {
                    throw new ArgumentException($"Op type '{type}' has two kernels: {_kernels[type].GetType().Name} and {kernel.GetType().Name}.");
                }
            }
        }
    }

    /// <summary>Every kernel in MilForge.Runtime.</summary>
    public static KernelRegistry Default { get; } = new(typeof(KernelRegistry).Assembly.GetTypes()
        .Where(t => typeof(IKernel).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IKernel)Activator.CreateInstance(t)!));

    /// <summary>The op types that have a kernel.</summary>
    public IEnumerable<string> OpTypes => _kernels.Keys.Order(StringComparer.Ordinal);

    /// <summary>The kernel for an op type, or null.</summary>
    public IKernel? Find(string opType) => _kernels.GetValueOrDefault(opType);

    /// <summary>A registry with extra kernels added (replacing nothing).</summary>
    public KernelRegistry With(params IKernel[] extra) => new(_kernels.Values.Distinct().Concat(extra));
}
