namespace MuZero.Cli.Tests;

/// <summary><c>muzero inspect</c> on the committed TicTacToe and CartPole agents: report, DOT file and one-line errors.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InspectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-inspect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model(string name) => Path.Combine(CommandLineTests.RepoRoot(), "models", name);

    [Fact]
    public void BoardGameReportListsEveryLegalMoveAndWritesTheTree()
    {
        string dot = Path.Combine(_dir, "tree.dot");
        var (code, output, _) = CommandLineTests.Run("inspect", "--checkpoint", Model("tictactoe-seed2.ckpt"), "--moves", "4,0",
            "--simulations", "20", "--dot", dot);
        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("tictactoe, after 2 moves (4 0);", lines[0]);
        // 7 legal moves after 4 and 0, one row each; their visits add up to the 20 simulations.
        string[] rows = lines.SkipWhile(l => !l.TrimStart().StartsWith("move", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("principal", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["1", "2", "3", "5", "6", "7", "8"], rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.Equal(20, rows.Sum(r => int.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])));
        // The noiseless search plays its most visited move, which starts the principal variation.
        string played = lines.Single(l => l.StartsWith("the agent plays", StringComparison.Ordinal)).Split(' ')[3];
        string pv = lines.Single(l => l.StartsWith("principal variation:", StringComparison.Ordinal));
        Assert.Equal(played, pv.Split(' ')[2]);
        string tree = File.ReadAllText(dot);
        Assert.StartsWith("digraph search {", tree);
        Assert.Contains("root\\nN=21 ", tree);
        Assert.Equal(21, tree.Split('\n').Count(l => l.TrimStart().StartsWith('n') && l.Contains("[label=\"") && !l.Contains("->")));
    }

    [Fact]
    public void SinglePlayerGamesStartFromASeedAndGreedySteps()
    {
        var (code, output, _) = CommandLineTests.Run("inspect", "--checkpoint", Model("cartpole-seed1.ckpt"), "--seed", "3", "--steps", "5", "--simulations", "8");
        Assert.Equal(0, code);
        Assert.StartsWith("cartpole, seed 3 after 5 greedy steps;", output);
        Assert.Contains("principal variation:", output);
    }

    [Theory]
    [InlineData("tictactoe-seed2.ckpt", new[] { "--moves", "4 4" }, "error: --moves: '4': cell 4 is occupied")]
    [InlineData("tictactoe-seed2.ckpt", new[] { "--moves", "0 3 1 4 2" }, "error: --moves: the game is over; there is nothing to search")]
    [InlineData("tictactoe-seed2.ckpt", new[] { "--steps", "3" }, "error: --seed and --steps are for single-player games; tictactoe takes --moves")]
    [InlineData("cartpole-seed1.ckpt", new[] { "--moves", "1" }, "error: --moves is for board games; cartpole takes --seed and --steps")]
    [InlineData("tictactoe-seed2.ckpt", new[] { "--min-visits", "0" }, "error: --min-visits must be at least 1, got 0")]
    public void BadPositionsAreOneErrorLine(string model, string[] options, string expected)
    {
        var (code, _, error) = CommandLineTests.Run(["inspect", "--checkpoint", Model(model), .. options]);
        Assert.Equal(1, code);
        Assert.Equal(expected, CommandLineTests.ErrorLine(error));
    }
}
