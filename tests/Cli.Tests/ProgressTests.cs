using MuZero.Cli.Progress;
using MuZero.Training.Runs;

namespace MuZero.Cli.Tests;

/// <summary>The live status line of train and bench: drawing in place under log output, and what the lines say.</summary>
public sealed class ProgressTests
{
    private static (LiveStatusLine Line, StringWriter Terminal) Line(int width = 40)
    {
        var terminal = new StringWriter { NewLine = "\n" };
        return (new LiveStatusLine(terminal, () => width, installAsConsoleError: false, refreshInterval: null), terminal);
    }

    [Fact]
    public void LogLinesArePrintedAboveTheStatusLineWhichIsRedrawnInPlace()
    {
        var (line, terminal) = Line();
        string status = "step 1";
        line.Writer.WriteLine("before any status");
        line.Show(() => status);
        status = "step 22";
        line.Refresh();
        status = "step 3";
        line.Refresh(); // shorter: the rest of the old text is blanked
        line.Writer.WriteLine("a log line");
        line.Writer.Write("a partial ");
        line.Refresh(); // not in the middle of a line
        line.Writer.Write("line\n");
        line.Stop();
        line.Writer.WriteLine("after");
        line.Refresh();
        Assert.Equal(
            "before any status\n" +
            "\rstep 1" + "\rstep 22" + "\rstep 3 " +
            "\r      \r" + "a log line\n" + "\rstep 3" +
            "\r      \r" + "a partial " + "line\n" + "\rstep 3" +
            "\r      \r" + "after\n",
            terminal.ToString());
    }

    [Fact]
    public void StatusLongerThanTheTerminalIsCutSoItNeverWraps()
    {
        var (line, terminal) = Line(width: 10);
        line.Show(() => "0123456789abcdef");
        Assert.Equal("\r012345678", terminal.ToString());
        line.Dispose();
        Assert.Equal("\r012345678\r         \r", terminal.ToString());
    }

    [Theory]
    [InlineData(77, "update 150/300 (50%) | ETA 3s | return 18.5 | eval 24.6 @150 | 52.2 updates/s")]
    [InlineData(76, "update 150/300 (50%) | ETA 3s | return 18.5 | eval 24.6 @150")]
    [InlineData(40, "update 150/300 (50%) | ETA 3s")]
    [InlineData(18, "update 150/300 (50")]
    public void ANarrowTerminalDropsTheLastFieldsWhole(int room, string expected) =>
        Assert.Equal(expected, LiveStatusLine.Fit("update 150/300 (50%) | ETA 3s | return 18.5 | eval 24.6 @150 | 52.2 updates/s", room));

    [Fact]
    public void SlidingRateAveragesOverItsWindow()
    {
        var rate = new SlidingRate(windowSeconds: 10, minimumSpanSeconds: 1, capacity: 8);
        Assert.True(double.IsNaN(rate.Add(0, 0)));
        Assert.True(double.IsNaN(rate.Add(0.5, 50))); // spans less than a second
        Assert.Equal(100, rate.Add(1, 100));
        Assert.Equal(100, rate.Add(5, 500));
        // 20 s: the samples at 0, 0.5 and 1 s are older than the window; 5 s is the newest sample at or beyond its start.
        Assert.Equal((2000 - 500) / 15.0, rate.Add(20, 2000));
        Assert.Equal((2100 - 500) / 16.0, rate.Add(21, 2100));
        // 31 s: the window starts at 21 s, which is exactly a sample.
        Assert.Equal((4100 - 2100) / 10.0, rate.Add(31, 4100));
        rate.Clear();
        Assert.True(double.IsNaN(rate.Add(40, 5000)));
        // A full ring drops its oldest samples first.
        var small = new SlidingRate(windowSeconds: 100, minimumSpanSeconds: 0, capacity: 2);
        small.Add(0, 0);
        small.Add(1, 10);
        Assert.Equal(30, small.Add(2, 40)); // (40 - 10) / (2 - 1): the sample at 0 s is gone
    }

    [Fact]
    public void TrainingLineShowsProgressRatesTimeLeftReturnAndEvaluation()
    {
        var values = new TrainingLineValues(TrainingPhase.Training, PhaseSeconds: 30, Updates: 1200, LastUpdate: 20000, UpdatesPerSecond: 31.25,
            EnvironmentStepsPerSecond: 124.4, ReplayPositions: 5000, MinReplayPositions: 2000, IsTwoPlayer: false,
            RecentReturn: 45.34, EvaluationStep: 1000, EvaluationScore: 500);
        // (20000 - 1200) / 31.25 = 601.6 s
        Assert.Equal("update 1,200/20,000 (6%) | ETA 10m02s | return 45.3 | eval 500.0 @1,000 | 31.2 updates/s | 124 env steps/s",
            TrainingProgressLine.Format(values));
        Assert.Equal("update 1,200/20,000 (6%) | ETA ? | decisive 34% | eval score 0.925 @1,000 | -- updates/s | -- env steps/s",
            TrainingProgressLine.Format(values with
            {
                UpdatesPerSecond = double.NaN, EnvironmentStepsPerSecond = double.NaN, IsTwoPlayer = true, RecentReturn = 0.34, EvaluationScore = 0.925,
            }));
        Assert.Equal("update 2,500/20,000 (12%) | evaluating for 30s",
            TrainingProgressLine.Format(values with { Phase = TrainingPhase.Evaluating, Updates = 2500, RecentReturn = double.NaN, EvaluationStep = -1 }));
        Assert.Equal("filling the replay buffer: 1,234/2,000 positions | 457 env steps/s",
            TrainingProgressLine.Format(values with { Phase = TrainingPhase.FillingReplay, ReplayPositions = 1234, EnvironmentStepsPerSecond = 456.7 }));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(601.6, "10m02s")]
    [InlineData(-1, "?")]
    [InlineData(double.NaN, "?")]
    [InlineData(double.PositiveInfinity, "?")]
    public void DurationsAreProgressDisplaysOrUnknown(double seconds, string expected) => Assert.Equal(expected, TrainingProgressLine.Duration(seconds));

    [Fact]
    public void BenchLineShowsMeasurementsDoneTheRunningOneAndTheLastResult()
    {
        Assert.Equal("bench 0/9 | search batch 1, 50 simulations (1s) | 1s",
            BenchProgressLine.Format(0, 9, "search batch 1, 50 simulations", 0.2, null, 0.2));
        Assert.Equal("bench 3/9 | search batch 256, 50 simulations (5s) | last: search batch 64, 50 simulations: 12,345 simulations/s | 41s",
            BenchProgressLine.Format(3, 9, "search batch 256, 50 simulations", 4.2, "search batch 64, 50 simulations: 12,345 simulations/s", 41));
        Assert.Equal("bench 9/9 | last: self-play: 800 env steps/s | 1m05s",
            BenchProgressLine.Format(9, 9, "self-play", 3, "self-play: 800 env steps/s", 65));

        var line = new BenchProgressLine(2);
        line.Begin("learner batch 256, K=5");
        Assert.Matches(@"^bench 0/2 \| learner batch 256, K=5 \(\d+s\) \| \d+s$", line.Render());
        line.End("learner batch 256, K=5: 40.0 updates/s");
        Assert.Matches(@"^bench 1/2 \| learner batch 256, K=5 \(\d+s\) \| last: learner batch 256, K=5: 40.0 updates/s \| \d+s$", line.Render());
    }
}
