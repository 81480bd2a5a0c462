using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MuZero.Cli.Progress;

/// <summary>
/// Progress of long work with a known amount (games, updates, positions): done / total, the caller's detail, the rate
/// and the time left. On an interactive terminal it is one line on stderr, redrawn in place with a carriage return at
/// most ten times a second; when stderr goes to a file or pipe, where a redrawn line would pile up as garbage, it is
/// an information log line every <c>logInterval</c> and at the end. Results stay on stdout either way.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _label;
    private readonly string _unit;
    private readonly long _total;
    private readonly TextWriter? _terminal;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _logInterval;
    private readonly long _start;
    private long _lastDraw;
    private bool _drawn;
    private int _lastLength;
    private long _done;
    private string? _detail;
    private bool _completed;

    /// <summary>
    /// Creates a display of <paramref name="total"/> <paramref name="unit"/> under <paramref name="label"/>: redrawn on
    /// <paramref name="terminal"/> when given, else logged through <paramref name="logger"/> every <paramref name="logInterval"/>
    /// (default 10 s); with neither it shows nothing.
    /// </summary>
    public ProgressDisplay(string label, string unit, long total, TextWriter? terminal, ILogger? logger, TimeProvider? time = null, TimeSpan? logInterval = null)
    {
        if (total < 1) throw new ArgumentOutOfRangeException(nameof(total), total, "progress needs a total of at least 1");
        _label = label;
        _unit = unit;
        _total = total;
        _terminal = terminal;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _logInterval = logInterval ?? TimeSpan.FromSeconds(10);
        _start = _time.GetTimestamp();
        _lastDraw = _start;
    }

    /// <summary>The display for this process: a redrawn line when stderr is a terminal (not redirected), else log lines through <paramref name="logger"/>.</summary>
    public static ProgressDisplay ForConsole(string label, string unit, long total, ILogger logger) =>
        new(label, unit, total, Console.IsErrorRedirected ? null : Console.Error, Console.IsErrorRedirected ? logger : null);

    /// <summary>Reports <paramref name="done"/> of the total finished, with an optional <paramref name="detail"/> such as a running score.</summary>
    public void Report(long done, string? detail = null)
    {
        _done = Math.Clamp(done, 0, _total);
        _detail = detail;
        long now = _time.GetTimestamp();
        bool finished = _done == _total;
        if (_terminal is not null)
        {
            if (finished || !_drawn || _time.GetElapsedTime(_lastDraw, now) >= RedrawInterval) Draw(now);
        }
        else if (_logger is not null && (finished || _time.GetElapsedTime(_lastDraw, now) >= _logInterval))
        {
            _lastDraw = now;
            _logger.LogInformation("{Line}", Line(now));
        }
    }

    /// <summary>Ends the display: the terminal line is drawn a last time and ended with a newline, so later output starts on a fresh line.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        if (_terminal is null || !_drawn) return;
        Draw(_time.GetTimestamp());
        _terminal.WriteLine();
        _terminal.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => Complete();

    /// <summary>"evaluate: 120/200 games (60%) | score 0.731 | 14.2 games/s | ETA 6s".</summary>
    internal string Line(long now)
    {
        var elapsed = _time.GetElapsedTime(_start, now);
        double rate = elapsed > TimeSpan.Zero ? _done / elapsed.TotalSeconds : 0;
        string eta = _done == _total ? $"done in {Duration(elapsed)}"
            : rate > 0 ? $"ETA {Duration(TimeSpan.FromSeconds((_total - _done) / rate))}"
            : "ETA ?";
        string detail = string.IsNullOrEmpty(_detail) ? "" : $" | {_detail}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_label}: {_done}/{_total} {_unit} ({100.0 * _done / _total:0}%){detail} | {rate:0.0} {_unit}/s | {eta}");
    }

    /// <summary>"42s", "3m05s", "2h07m".</summary>
    internal static string Duration(TimeSpan span)
    {
        long seconds = (long)Math.Ceiling(span.TotalSeconds);
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{seconds / 60}m{seconds % 60:00}s",
            _ => $"{seconds / 3600}h{seconds % 3600 / 60:00}m",
        };
    }

    private void Draw(long now)
    {
        _lastDraw = now;
        _drawn = true;
        string line = Line(now);
        // Pad over the tail of a longer previous line: a carriage return alone would leave it visible.
        _terminal!.Write('\r' + line.PadRight(_lastLength));
        _lastLength = line.Length;
        _terminal.Flush();
    }
}
