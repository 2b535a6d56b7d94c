using MilForge.Diagnostics;

namespace MilForge.TestKit;

/// <summary>How a parser fuzz test classifies one mutant: the attempt's own outcome, "diagnostic", "hang" or "crash".</summary>
public static class FuzzOutcome
{
    /// <summary>
    /// Runs <paramref name="attempt"/> with a time limit. A DiagnosticException is "diagnostic" (the expected rejection);
    /// anything else thrown is "crash" and no answer in time is "hang", each with <paramref name="failure"/> saying why.
    /// </summary>
    public static string Classify(Func<string> attempt, TimeSpan limit, out string? failure)
    {
        failure = null;
        var task = Task.Run(attempt);
        try
        {
            if (!task.Wait(limit))
            {
                failure = $"no answer within {limit.TotalSeconds} s";
                return "hang";
            }
            return task.Result;
        }
        catch (AggregateException e) when (e.InnerException is DiagnosticException)
        {
            return "diagnostic";
        }
        catch (AggregateException e)
        {
            failure = e.InnerException!.ToString();
            return "crash";
        }
    }
}
