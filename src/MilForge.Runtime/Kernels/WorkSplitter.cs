namespace MilForge.Runtime.Kernels;

/// <summary>
/// Runs independent work items on the thread pool only when there is enough work to pay for it: waking pool threads
/// costs tens of microseconds, more than a small op takes on one thread.
/// </summary>
internal static class WorkSplitter
{
    /// <summary>Total work (in multiply-adds or element visits) below which items run on the calling thread.</summary>
    public const long SerialWork = 1 << 16;

    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>−1, in parallel when <paramref name="totalWork"/> is large.</summary>
    public static void For(int count, long totalWork, Action<int> body)
    {
        if (totalWork < SerialWork || count == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        Parallel.For(0, count, body);
    }
}
