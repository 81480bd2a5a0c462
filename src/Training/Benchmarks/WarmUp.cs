namespace MuZero.Training.Benchmarks;

/// <summary>
/// When a warm-up may stop: after at least <see cref="MinSeconds"/> of runs and 2 x <see cref="Window"/> runs, once the
/// JIT compiled nothing during the last <see cref="Window"/> runs (the code has reached its final tier: tiered
/// compilation promotes hot methods in the background, 30 calls and 100 ms of JIT quiet after their first use) and the
/// median of the last <see cref="Window"/> run times is within <see cref="Tolerance"/> of the median of the window
/// before; at the latest after <see cref="MaxSeconds"/> (then the timings did not settle, and the report says so).
/// </summary>
/// <param name="MinSeconds">Least time spent warming up (sum of the runs' times).</param>
/// <param name="MaxSeconds">Most time spent warming up.</param>
/// <param name="Window">Runs per comparison window.</param>
/// <param name="Tolerance">Largest relative change between the two windows' medians.</param>
public sealed record WarmUpPolicy(double MinSeconds = 1.0, double MaxSeconds = 20.0, int Window = 5, double Tolerance = 0.05)
{
    /// <summary>Checks the settings; one line naming the bad one.</summary>
    public void Validate()
    {
        if (!(MinSeconds >= 0) || !double.IsFinite(MinSeconds)) throw new ArgumentException($"warm-up: minimum seconds must be >= 0, got {MinSeconds}");
        if (!(MaxSeconds >= MinSeconds) || !double.IsFinite(MaxSeconds)) throw new ArgumentException($"warm-up: maximum seconds must be >= the minimum {MinSeconds}, got {MaxSeconds}");
        if (Window < 1) throw new ArgumentException($"warm-up: window must be >= 1, got {Window}");
        if (!(Tolerance > 0)) throw new ArgumentException($"warm-up: tolerance must be > 0, got {Tolerance}");
    }
}

/// <summary>How a warm-up ended.</summary>
/// <param name="Runs">Runs made.</param>
/// <param name="Seconds">Their total time.</param>
/// <param name="Settled">True when it stopped because the timings settled, false when it hit <see cref="WarmUpPolicy.MaxSeconds"/>.</param>
public readonly record struct WarmUpOutcome(int Runs, double Seconds, bool Settled);

/// <summary>Repeats a measured action until its timings have settled (<see cref="WarmUpPolicy"/>).</summary>
public static class WarmUp
{
    /// <summary>Methods the JIT has compiled in this process so far, on every thread (tier promotions included).</summary>
    public static long CompiledMethods() => System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);

    /// <summary>
    /// Calls <paramref name="run"/> (which returns the seconds it took) until <paramref name="policy"/> says the timings
    /// have settled or its time is up; <paramref name="compiledMethods"/> counts the JIT's compilations so far.
    /// </summary>
    public static WarmUpOutcome Run(Func<double> run, WarmUpPolicy policy, Func<long> compiledMethods)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(compiledMethods);
        policy.Validate();
        int window = policy.Window;
        var seconds = new List<double>();
        var compiled = new List<long>();
        double total = 0;
        while (true)
        {
            double s = run();
            seconds.Add(s);
            compiled.Add(compiledMethods());
            total += s;
            int n = seconds.Count;
            if (total >= policy.MinSeconds && n >= 2 * window && compiled[n - 1] == compiled[n - 1 - window])
            {
                double last = Median(seconds.GetRange(n - window, window));
                double before = Median(seconds.GetRange(n - 2 * window, window));
                if (Math.Abs(last - before) <= policy.Tolerance * before) return new WarmUpOutcome(n, total, Settled: true);
            }
            if (total >= policy.MaxSeconds) return new WarmUpOutcome(n, total, Settled: false);
        }
    }

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("the median of no values", nameof(values));
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
