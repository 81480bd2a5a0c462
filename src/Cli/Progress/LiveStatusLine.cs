using System.Text;

namespace MuZero.Cli.Progress;

/// <summary>
/// One status line kept at the bottom of an interactive terminal's stderr and redrawn in place (carriage return,
/// no escape sequences) four times a second, while everything else bound for stderr (log lines, errors) is printed
/// above it: each such write first blanks the status line, and a write that ends a line draws it again below.
/// </summary>
/// <remarks>
/// It takes over <see cref="Console.Error"/> while it lives, so it must start before the loggers: the console logger
/// keeps the writer it finds when it is created. Only for an interactive stderr (<see cref="StartIfInteractive"/>);
/// when stderr is redirected the commands write their log lines exactly as without it.
/// </remarks>
internal sealed class LiveStatusLine : IDisposable
{
    /// <summary>Time between redraws.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly TextWriter _terminal;
    private readonly Func<int> _width;
    private readonly TextWriter? _replacedError;
    private readonly Timer? _timer;
    private Func<string>? _render;
    private int _shown; // characters of the status line now on screen; 0 when none is
    private bool _atLineStart = true;
    private bool _stopped;

    /// <summary>
    /// Draws on <paramref name="terminal"/>, at most <paramref name="width"/>() - 1 characters (a wrapped line could not
    /// be redrawn in place; see <see cref="Fit"/>); installs <see cref="Writer"/> as <see cref="Console.Error"/> when
    /// <paramref name="installAsConsoleError"/>; redraws every <paramref name="refreshInterval"/> when given (tests
    /// leave it out and call <see cref="Refresh"/>).
    /// </summary>
    internal LiveStatusLine(TextWriter terminal, Func<int> width, bool installAsConsoleError, TimeSpan? refreshInterval)
    {
        _terminal = terminal;
        _width = width;
        Writer = new StatusLineAwareWriter(this);
        if (installAsConsoleError)
        {
            _replacedError = Console.Error;
            Console.SetError(Writer);
        }
        if (refreshInterval is TimeSpan interval) _timer = new Timer(_ => Refresh(), null, interval, interval);
    }

    /// <summary>
    /// A status line on stderr when stderr is an interactive terminal (not redirected, and <c>TERM</c> is not
    /// <c>dumb</c>); null otherwise, and the caller then logs as usual.
    /// </summary>
    public static LiveStatusLine? StartIfInteractive()
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb") return null;
        return new LiveStatusLine(Console.Error, TerminalWidth, installAsConsoleError: true, RefreshInterval);
    }

    /// <summary>The writer for everything else bound for the terminal (it is <see cref="Console.Error"/> while this lives, when installed).</summary>
    public TextWriter Writer { get; }

    /// <summary>Shows the text <paramref name="render"/> returns from now on (called on a timer thread: it must be cheap and thread-safe).</summary>
    public void Show(Func<string> render)
    {
        lock (_gate) _render = render;
        Refresh();
    }

    /// <summary>Redraws the status line now, unless a line written above it is still unfinished.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            if (!_stopped && _render is not null && _atLineStart) Draw();
        }
    }

    /// <summary>Blanks the status line for good (call it before writing results to stdout, which may be the same terminal).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            Erase();
        }
        _timer?.Dispose();
    }

    /// <summary>Stops and gives <see cref="Console.Error"/> back.</summary>
    public void Dispose()
    {
        Stop();
        if (_replacedError is not null) Console.SetError(_replacedError);
    }

    private void WriteAbove(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (_gate)
        {
            Erase();
            _terminal.Write(text);
            _atLineStart = text[^1] == '\n';
            if (!_stopped && _render is not null && _atLineStart) Draw();
            else _terminal.Flush();
        }
    }

    private void Draw()
    {
        string text = Fit(_render!(), Math.Max(0, _width() - 1));
        _terminal.Write('\r');
        _terminal.Write(text);
        if (_shown > text.Length) _terminal.Write(new string(' ', _shown - text.Length));
        _shown = text.Length;
        _terminal.Flush();
    }

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="room"/> characters: before the last <c>" | "</c> separator that
    /// fits, so whole fields go (lines put their most important fields first), or mid-field when none does.
    /// </summary>
    internal static string Fit(string text, int room)
    {
        if (text.Length <= room) return text;
        int separator = text.LastIndexOf(" | ", room, StringComparison.Ordinal);
        return separator > 0 ? text[..separator] : text[..room];
    }

    private void Erase()
    {
        if (_shown == 0) return;
        _terminal.Write('\r');
        _terminal.Write(new string(' ', _shown));
        _terminal.Write('\r');
        _shown = 0;
    }

    private static int TerminalWidth()
    {
        try
        {
            int width = Console.WindowWidth;
            return width > 0 ? width : 80;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            return 80;
        }
    }

    /// <summary>Routes every write through <see cref="WriteAbove"/>; the other overloads of <see cref="TextWriter"/> end in these.</summary>
    private sealed class StatusLineAwareWriter(LiveStatusLine owner) : TextWriter
    {
        public override Encoding Encoding => owner._terminal.Encoding;

        public override void Write(char value) => owner.WriteAbove(value.ToString());

        public override void Write(string? value) => owner.WriteAbove(value);

        public override void Write(char[] buffer, int index, int count) => owner.WriteAbove(new string(buffer, index, count));

        // One call, so the status line is not redrawn between a line and its end.
        public override void WriteLine(string? value) => owner.WriteAbove(value + NewLine);

        public override void Flush() => owner._terminal.Flush();
    }
}
