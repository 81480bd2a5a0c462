using MuZero.Training.Benchmarks;

namespace MuZero.Training.Tests.Benchmarks;

public sealed class WarmUpTests
{
    /// <summary>Replays <paramref name="times"/> (then repeats the last one) and counts the calls.</summary>
    private sealed class Script(params double[] times)
    {
        public int Calls { get; private set; }

        public double Next() => times[Math.Min(Calls++, times.Length - 1)];
    }

    [Fact]
    public void StopsOnceTwoWindowsAgreeAndTheJitIsQuiet()
    {
        // JIT-tier warm-up: 4 slow runs, then steady at 1.0 s. Window 3: runs 4-6 (3, 1, 1: median 1) against 7-9
        // agree first (runs 3-5, median 3, against 6-8 do not), so the warm-up ends after 9 runs, 4 x 3 + 5 x 1 s.
        var script = new Script(3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        var outcome = WarmUp.Run(script.Next, new WarmUpPolicy(MinSeconds: 0, MaxSeconds: 100, Window: 3, Tolerance: 0.05), () => 7);
        Assert.Equal(new WarmUpOutcome(9, 17, Settled: true), outcome);
    }

    [Fact]
    public void WaitsForTheJitToGoQuiet()
    {
        // Steady times from the start, but the JIT compiles something until run 8: the last window (3 runs)
        // must see no compilation, so run 11 is the first that may end it.
        var script = new Script(1);
        long compiled = 0;
        var outcome = WarmUp.Run(() => { double s = script.Next(); if (script.Calls <= 8) compiled++; return s; },
            new WarmUpPolicy(MinSeconds: 0, MaxSeconds: 100, Window: 3, Tolerance: 0.05), () => compiled);
        Assert.Equal(11, outcome.Runs);
        Assert.True(outcome.Settled);
    }

    [Fact]
    public void RunsAtLeastTheMinimumTime()
    {
        var script = new Script(0.25);
        var outcome = WarmUp.Run(script.Next, new WarmUpPolicy(MinSeconds: 2, MaxSeconds: 100, Window: 2, Tolerance: 0.05), () => 0);
        Assert.Equal(8, outcome.Runs); // 8 x 0.25 s = the 2 s minimum; 4 runs would have settled the windows.
        Assert.True(outcome.Settled);
    }

    [Fact]
    public void GivesUpAtTheMaximumAndSaysSo()
    {
        // Times that keep growing (every third run 2 s): the window medians differ by 11% or more until the 20 s are spent.
        var times = Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? 2.0 : 1.0 + i * 0.1).ToArray();
        var script = new Script(times);
        var outcome = WarmUp.Run(script.Next, new WarmUpPolicy(MinSeconds: 0, MaxSeconds: 20, Window: 3, Tolerance: 0.05), () => 0);
        Assert.False(outcome.Settled);
        Assert.True(outcome.Seconds >= 20 && outcome.Seconds - times[outcome.Runs - 1] < 20, $"{outcome}");
    }

    [Fact]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.Equal(2.0, WarmUp.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, WarmUp.Median([4.0, 1.0, 2.0, 3.0]));
    }

    [Fact]
    public void RejectsBadPolicies()
    {
        var e = Assert.Throws<ArgumentException>(() => WarmUp.Run(() => 1, new WarmUpPolicy(MinSeconds: 5, MaxSeconds: 1), () => 0));
        Assert.Equal("warm-up: maximum seconds must be >= the minimum 5, got 1", e.Message);
    }
}
