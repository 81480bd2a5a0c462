using System.Diagnostics;
using System.Globalization;

namespace MuZero.Benchmarks;

/// <summary>
/// Times several cases in rounds that run each case in turn, so that a change in the machine's speed (other jobs, a
/// slow period) falls on all of them alike; the profiles' one way of comparing variants inside one process.
/// </summary>
internal static class InterleavedRounds
{
    /// <summary>The wall clock.</summary>
    public static TimeSpan Wall() => Stopwatch.GetElapsedTime(0);

    /// <summary>The process's CPU time (every thread), for a machine other jobs share.</summary>
    public static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>
    /// Runs <paramref name="warmUpRounds"/> untimed rounds, then <paramref name="rounds"/> timed ones; in each, every case
    /// <paramref name="calls"/> times. Returns per case the time of one call in each timed round, by <paramref name="clock"/>, sorted.
    /// </summary>
    public static TimeSpan[][] Measure(IReadOnlyList<Action> cases, int warmUpRounds, int rounds, int calls, Func<TimeSpan> clock)
    {
        var times = cases.Select(_ => new List<TimeSpan>()).ToArray();
        for (int round = -warmUpRounds; round < rounds; round++)
        {
            for (int c = 0; c < cases.Count; c++)
            {
                TimeSpan start = clock();
                for (int i = 0; i < calls; i++) cases[c]();
                if (round >= 0) times[c].Add((clock() - start) / calls);
            }
        }
        return [.. times.Select(t => t.Order().ToArray())];
    }

    /// <summary>One line: the case's name, then min / median / max of its sorted times in <paramref name="unit"/> (<c>ms</c> or <c>us</c>).</summary>
    public static string Line(string name, int width, string what, TimeSpan[] sorted, string unit)
    {
        string Value(TimeSpan t) => unit == "us"
            ? t.TotalMicroseconds.ToString("F1", CultureInfo.InvariantCulture)
            : t.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);
        return $"{name.PadRight(width)} {what}: min {Value(sorted[0]),8} median {Value(sorted[sorted.Length / 2]),8} max {Value(sorted[^1]),8}";
    }
}
