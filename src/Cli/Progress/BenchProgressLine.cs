using System.Diagnostics;
using System.Globalization;

namespace MuZero.Cli.Progress;

/// <summary>
/// The status line of <c>muzero bench</c>: measurements done of all, the one running and for how long, the result of
/// the last one, and the time since the start. No time left: the measurements differ in length by orders of
/// magnitude (search batch 1 against batch 1024), so an average would mislead.
/// </summary>
internal sealed class BenchProgressLine(int total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _done;
    private string _current = "starting";
    private double _currentStart;
    private string? _last;

    /// <summary>A measurement starts.</summary>
    public void Begin(string what)
    {
        lock (_gate) (_current, _currentStart) = (what, _clock.Elapsed.TotalSeconds);
    }

    /// <summary>The running measurement ended with <paramref name="result"/>.</summary>
    public void End(string result)
    {
        lock (_gate) (_done, _last) = (_done + 1, result);
    }

    /// <summary>The line for now.</summary>
    public string Render()
    {
        lock (_gate)
        {
            double now = _clock.Elapsed.TotalSeconds;
            return Format(_done, total, _current, now - _currentStart, _last, now);
        }
    }

    /// <summary>E.g. <c>bench 3/9 | search batch 256, 50 simulations (5s) | last: search batch 64, 50 simulations: 12,345 simulations/s | 41s</c>.</summary>
    internal static string Format(int done, int total, string current, double currentSeconds, string? last, double elapsedSeconds)
    {
        string now = done < total ? $" | {current} ({TrainingProgressLine.Duration(currentSeconds)})" : "";
        string previous = last is null ? "" : $" | last: {last}";
        return string.Create(CultureInfo.InvariantCulture, $"bench {done}/{total}{now}{previous} | {TrainingProgressLine.Duration(elapsedSeconds)}");
    }
}
