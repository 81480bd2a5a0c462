using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;

namespace MuZero.Cli.Tests;

public sealed class ProgressDisplayTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }
        public override long TimestampFrequency => 1000; // milliseconds
        public override long GetTimestamp() => Ticks;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public void TerminalLineIsRedrawnInPlaceAtMostTenTimesASecond()
    {
        var time = new ManualTime();
        var terminal = new StringWriter();
        var display = new ProgressDisplay("evaluate", "games", 4, terminal, logger: null, time);
        time.Ticks = 2000;
        display.Report(1, "score 0.500");
        Assert.Equal("\revaluate: 1/4 games (25%) | score 0.500 | 0.5 games/s | ETA 6s", terminal.ToString());
        time.Ticks = 2050;
        display.Report(2, "x");                        // 50 ms later: not redrawn
        Assert.DoesNotContain("2/4", terminal.ToString());
        time.Ticks = 4000;
        display.Report(2);                             // shorter line: padded over the old one
        string second = "evaluate: 2/4 games (50%) | 0.5 games/s | ETA 4s";
        Assert.EndsWith("\r" + second.PadRight("evaluate: 1/4 games (25%) | score 0.500 | 0.5 games/s | ETA 6s".Length), terminal.ToString());
        time.Ticks = 4010;
        display.Report(4);                             // the end is always drawn
        Assert.Contains("4/4 games (100%) | 1.0 games/s | done in 5s", terminal.ToString());
        display.Dispose();
        Assert.EndsWith(Environment.NewLine, terminal.ToString());
        Assert.DoesNotContain('\n', terminal.ToString().TrimEnd());
    }

    [Fact]
    public void RedirectedOutputGetsPeriodicLogLines()
    {
        var time = new ManualTime();
        var logger = new ListLogger();
        var display = new ProgressDisplay("evaluate", "games", 100, terminal: null, logger, time, TimeSpan.FromSeconds(10));
        for (int done = 1; done <= 100; done++)
        {
            time.Ticks = done * 250;   // one game every 0.25 s: 25 s in all
            display.Report(done);
        }
        display.Dispose();
        // At 10 s and 20 s, then the end.
        Assert.Equal(["evaluate: 40/100 games (40%) | 4.0 games/s | ETA 15s", "evaluate: 80/100 games (80%) | 4.0 games/s | ETA 5s",
            "evaluate: 100/100 games (100%) | 4.0 games/s | done in 25s"], logger.Lines);
    }

    [Fact]
    public void DurationsAreShort()
    {
        Assert.Equal("0s", ProgressDisplay.Duration(TimeSpan.Zero));
        Assert.Equal("42s", ProgressDisplay.Duration(TimeSpan.FromSeconds(41.2)));
        Assert.Equal("3m05s", ProgressDisplay.Duration(TimeSpan.FromSeconds(185)));
        Assert.Equal("2h07m", ProgressDisplay.Duration(TimeSpan.FromMinutes(127.5)));
    }
}
