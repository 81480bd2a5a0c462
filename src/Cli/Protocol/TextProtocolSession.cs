using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Protocol;

/// <summary>
/// The line protocol of <c>muzero play --protocol text</c>: every command gets exactly one answer line,
/// <c>=</c> (plus a result) on success or <c>? reason</c> on an unknown or illegal command, which changes nothing.
/// Commands: <c>newgame</c>, <c>play &lt;action&gt;</c> (the opponent's move), <c>genmove</c> (the agent moves),
/// <c>legal</c> (legal actions), <c>board</c> (board games: the board on one line, see <see cref="IBoardGame.Diagram"/>),
/// <c>quit</c>. Moves are action indices (<see cref="EnvironmentSpec.ActionCount"/>), the same for every game.
/// </summary>
internal sealed class TextProtocolSession
{
    private readonly SearchAgent _agent;
    private readonly Func<IEnvironment> _factory;
    private IEnvironment _game;
    private ulong _games;

    public TextProtocolSession(SearchAgent agent, Func<IEnvironment> factory)
    {
        _agent = agent;
        _factory = factory;
        _game = NewGame();
    }

    /// <summary>True once <c>quit</c> was received.</summary>
    public bool Finished { get; private set; }

    /// <summary>Answers the requests of <paramref name="input"/> on <paramref name="output"/>, one line each, until <c>quit</c> or the end of input.</summary>
    public void Serve(TextReader input, TextWriter output)
    {
        string? line;
        while (!Finished && (line = ProtocolLineReader.ReadLine(input)) is not null)
        {
            output.WriteLine(Handle(line));
            output.Flush();
        }
    }

    /// <summary>Answers one command line (without its line ending).</summary>
    public string Handle(string line)
    {
        // A CR is only valid as part of the CRLF that ends a line (the reader drops it): anywhere else the line
        // is malformed, and it is one request, so it gets one answer.
        if (line.Contains('\r')) return "? carriage return inside a line";
        string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "? empty command";
        switch (words[0].ToLowerInvariant())
        {
            case "newgame" when words.Length == 1:
                _game = NewGame();
                return "=";
            case "play" when words.Length == 2:
                if (!int.TryParse(words[1], out int action)) return $"? not an action index: '{words[1]}'";
                return Play(action, announce: false);
            case "genmove" when words.Length == 1:
                if (_game.IsOver) return "? the game is over";
                return Play(_agent.SelectAction(_game), announce: true);
            case "legal" when words.Length == 1:
                return "= " + string.Join(' ', Enumerable.Range(0, _game.Spec.ActionCount).Where(a => !_game.IsOver && _game.IsLegal(a)));
            case "board" when words.Length == 1:
                return _game is IBoardGame board ? "= " + board.Diagram : $"? {_game.Spec.Name} has no board";
            case "quit" when words.Length == 1:
                Finished = true;
                return "=";
            case "newgame" or "play" or "genmove" or "legal" or "board" or "quit":
                return $"? wrong number of arguments for '{words[0]}'";
            default:
                return $"? unknown command '{words[0]}'";
        }
    }

    private string Play(int action, bool announce)
    {
        if (_game.IsOver) return "? the game is over";
        if (action < 0 || action >= _game.Spec.ActionCount) return $"? action {action} out of range 0..{_game.Spec.ActionCount - 1}";
        if (!_game.IsLegal(action)) return $"? illegal move {action}";
        _game.Step(action);
        return announce ? $"= {action}" : "=";
    }

    private IEnvironment NewGame()
    {
        var game = _factory();
        game.Reset(_games++);
        return game;
    }
}
