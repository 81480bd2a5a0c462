using System.Text.RegularExpressions;
using MuZero.Cli.Terminal;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Evaluation;
using static TorchSharp.torch;

namespace MuZero.Cli.Tests;

/// <summary>Scripted games of <c>muzero play</c> for people, with a freshly initialised tiny network as the agent.</summary>
public sealed partial class TerminalPlaySessionTests
{
    /// <summary>Plays <paramref name="script"/> (one typed line each) against an untrained agent; returns the session and what it printed.</summary>
    private static (TerminalPlaySession Session, string Output) Play(string game, EnvironmentOptions options, params string[] script)
    {
        var spec = EnvironmentRegistry.GetSpec(game, options);
        using var network = new MlpNetwork(spec.ObservationSize, spec.ActionCount, new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 });
        using var agent = new SearchAgent(new NetworkSearchModel(network, CPU), new SearchConfig { Simulations = 4, Discount = 1 }, spec);
        var output = new StringWriter { NewLine = "\n" };
        var session = new TerminalPlaySession(agent, () => (IBoardGame)EnvironmentRegistry.Create(game, options), output);
        session.Run(new StringReader(string.Join("\n", script) + "\n"));
        return (session, output.ToString());
    }

    // A typed line is not echoed into the writer, so a move line may follow the prompt on the same line.
    [GeneratedRegex(@"(?:^|> )(you|the agent) plays? (\S+)", RegexOptions.Multiline)]
    private static partial Regex MoveLine();

    [GeneratedRegex(@"(?:^|> )the agent plays \S+ \(its value estimate [+-]?\d\.\d\d, from -1 lost to \+1 won\)$", RegexOptions.Multiline)]
    private static partial Regex AgentLine();

    /// <summary>The position the printed moves lead to, replayed on a fresh game in each game's notation.</summary>
    private static string Replayed(string game, EnvironmentOptions options, string output)
    {
        var replay = (IBoardGame)EnvironmentRegistry.Create(game, options);
        foreach (Match move in MoveLine().Matches(output))
        {
            Assert.True(replay.TryParseMove(move.Groups[2].Value, out int action, out string? error), error);
            replay.Step(action);
        }
        return replay.Diagram;
    }

    [Fact]
    public void TicTacToeRejectsBadInputAndChangesNothing()
    {
        var (session, output) = Play("tictactoe", EnvironmentOptions.None, "4", "4", "9", "x", "", "board", "quit");
        Assert.Contains("tictactoe against the agent. X moves first. Type a move as a cell number 0..8, row by row from the top left.", output);
        Assert.Contains("you play 4\n", output);
        Assert.Single(AgentLine().Matches(output));
        Assert.Contains("? cell 4 is occupied\n", output);
        Assert.Contains("? '9' is not a move: expected a cell number 0..8, row by row from the top left\n", output);
        Assert.Contains("? 'x' is not a move: expected", output);
        Assert.Equal(2, session.Game.StepCount);
        Assert.Equal(Replayed("tictactoe", EnvironmentOptions.None, output), session.Game.Diagram);
        // The board is drawn after each move, and again for 'board': the last drawing is the position now.
        Assert.EndsWith(session.Game.Render() + "X to move> ", output);
    }

    [Fact]
    public void ConnectFourTakesColumnsAndTheAgentCanMoveFirst()
    {
        var (session, output) = Play("connect4", EnvironmentOptions.None, "go", "8", "0", "four", "4", "4", "4", "quit");
        Assert.StartsWith("connect4 against the agent. X moves first. Type a move as a column number 1..7, counted from the left.", output);
        Assert.Contains("? '8' is not a move: expected a column number 1..7, counted from the left\n", output);
        Assert.Contains("? '0' is not a move", output);
        Assert.Contains("? 'four' is not a move", output);
        Assert.Equal(4, AgentLine().Matches(output).Count); // 'go', then one answer to each of the three moves
        Assert.Equal(7, session.Game.StepCount);
        Assert.Equal(1, session.Game.ToPlay); // the agent took X: you play O
        Assert.Equal(Replayed("connect4", EnvironmentOptions.None, output), session.Game.Diagram);
        Assert.Contains("1 2 3 4 5 6 7\n", output);
    }

    [Fact]
    public void GomokuTakesCoordinatesOnTheConfiguredBoard()
    {
        var options = new EnvironmentOptions { BoardSize = 7, WinLength = 4 };
        var (session, output) = Play("gomoku", options, "d4", "d4", "h1", "a8", "D", "a1", "quit");
        Assert.Contains("Type a move as coordinates like e5: a column letter a..g (from the left), then a row number 1..7 (from the bottom).", output);
        Assert.Contains("you play d4\n", output);
        Assert.Contains("? d4 is occupied\n", output);
        Assert.Contains("? 'h1' is not a move: expected coordinates like e5", output);
        Assert.Contains("? 'a8' is not a move", output);
        Assert.Contains("? 'D' is not a move", output);
        Assert.Equal(4, session.Game.StepCount);
        Assert.Equal(0, ((Gomoku)session.Game).StoneAt(6 * 7 + 0)); // a1: bottom-left, yours (X)
        Assert.Equal(0, ((Gomoku)session.Game).StoneAt(3 * 7 + 3)); // d4: the centre
        Assert.Equal(Replayed("gomoku", options, output), session.Game.Diagram);
        Assert.Contains("   a b c d e f g\n", output);
    }

    [Fact]
    public void FinishedGamesRefuseMovesUntilANewGame()
    {
        // Typing every cell in turn fills the board (occupied cells are refused) until someone wins or it is full.
        string[] cells = Enumerable.Range(0, 9).Select(c => c.ToString()).ToArray();
        var (session, output) = Play("tictactoe", EnvironmentOptions.None, [.. cells, .. cells, "go", "new", "quit"]);
        Assert.Matches(@"game over, (draw\.|[XO] wins: (you|the agent) win(s)?\.) Type 'new' for another game or 'quit'\.", output);
        Assert.Contains("? the game is over: type 'new' for another game or 'quit'\n", output);
        Assert.Equal(0, session.Game.StepCount); // 'new' started a fresh game
        Assert.EndsWith(session.Game.Render() + "X to move> ", output);
    }

    [Fact]
    public void EndOfInputEndsTheSession()
    {
        var (session, output) = Play("connect4", EnvironmentOptions.None, "3");
        Assert.Equal(2, session.Game.StepCount);
        Assert.EndsWith("X to move> \n", output);
    }
}
