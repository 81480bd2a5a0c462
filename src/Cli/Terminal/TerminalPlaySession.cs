using System.Globalization;
using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Terminal;

/// <summary>
/// <c>muzero play</c> for people: a board game against the agent in the terminal. The board is drawn after every
/// move; moves are typed in the game's notation (<see cref="IBoardGame.MoveNotation"/>); a malformed or illegal move
/// is answered with a line starting <c>?</c> and asked again, and changes nothing. After each of your moves the agent
/// answers, showing its move and its value estimate. Commands: <c>go</c> (the agent plays the side to move: at the
/// start, it moves first), <c>new</c>, <c>board</c>, <c>help</c>, <c>quit</c>.
/// </summary>
internal sealed class TerminalPlaySession
{
    private readonly SearchAgent _agent;
    private readonly Func<IBoardGame> _factory;
    private readonly TextWriter _output;
    private IBoardGame _game;
    private int _agentPlayer;
    private ulong _games;

    public TerminalPlaySession(SearchAgent agent, Func<IBoardGame> factory, TextWriter output)
    {
        _agent = agent;
        _factory = factory;
        _output = output;
        _game = NewGame();
    }

    /// <summary>The game being played.</summary>
    public IBoardGame Game => _game;

    /// <summary>Plays until <c>quit</c> or the end of <paramref name="input"/>.</summary>
    public void Run(TextReader input)
    {
        PrintHelp();
        PrintPosition();
        while (true)
        {
            _output.Write(Prompt());
            _output.Flush();
            string? line = input.ReadLine();
            if (line is null)
            {
                _output.WriteLine();
                return;
            }
            if (!Handle(line.Trim())) return;
        }
    }

    /// <summary>Carries out one typed line; false after <c>quit</c>.</summary>
    public bool Handle(string line)
    {
        switch (line.ToLowerInvariant())
        {
            case "":
                return true;
            case "quit" or "exit":
                return false;
            case "help" or "?":
                PrintHelp();
                return true;
            case "board":
                PrintPosition();
                return true;
            case "new":
                _game = NewGame();
                PrintPosition();
                return true;
            case "go":
                if (_game.IsOver) _output.WriteLine("? the game is over: type 'new' for another game or 'quit'");
                else
                {
                    _agentPlayer = _game.ToPlay;
                    AgentMoves();
                }
                return true;
        }
        if (!_game.TryParseMove(line, out int action, out string? error))
        {
            _output.WriteLine(_game.IsOver ? "? the game is over: type 'new' for another game or 'quit'" : $"? {error}");
            return true;
        }
        _game.Step(action);
        _output.WriteLine($"you play {_game.FormatMove(action)}");
        PrintPosition();
        if (!_game.IsOver)
        {
            // You played the side to move, so the agent takes the other one.
            _agentPlayer = _game.ToPlay;
            AgentMoves();
        }
        return true;
    }

    private void AgentMoves()
    {
        int action = _agent.SelectAction(_game, out float value);
        _game.Step(action);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the agent plays {_game.FormatMove(action)} (its value estimate {value:+0.00;-0.00;0.00}, from -1 lost to +1 won)"));
        PrintPosition();
    }

    private void PrintPosition()
    {
        _output.Write(_game.Render());
        if (!_game.IsOver) return;
        string result = _game.Winner switch
        {
            null => "draw.",
            int winner when winner == _agentPlayer => $"{Side(winner)} wins: the agent wins.",
            int winner => $"{Side(winner)} wins: you win.",
        };
        _output.WriteLine($"game over, {result} Type 'new' for another game or 'quit'.");
    }

    private string Prompt() => _game.IsOver ? "> " : $"{Side(_game.ToPlay)} to move> ";

    private void PrintHelp()
    {
        _output.WriteLine($"{_game.Spec.Name} against the agent. X moves first. Type a move as {_game.MoveNotation}.");
        _output.WriteLine("The agent answers each of your moves. Commands: go (the agent plays the side to move, e.g. to move first), new, board, help, quit.");
    }

    private IBoardGame NewGame()
    {
        var game = _factory();
        game.Reset(_games++);
        _agentPlayer = 1;
        return game;
    }

    private static string Side(int player) => player == 0 ? "X" : "O";
}
