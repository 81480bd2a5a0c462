using System.Text.Json;
using MuZero.Cli.Commands;
using MuZero.Training.Evaluation;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class TournamentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-tournament-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model(string name) => Path.Combine(CommandLineTests.RepoRoot(), "models", name);

    private static string Error(params string[] args)
    {
        var (code, output, error) = CommandLineTests.Run(["tournament", .. args]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        return CommandLineTests.ErrorLine(error);
    }

    [Fact]
    public void ReferenceOpponentsGetRatingsThatAgreeWithTheirResults()
    {
        string path = Path.Combine(_dir, "t.json");
        var (code, output, error) = CommandLineTests.Run("tournament", "--game", "tictactoe", "--players", "random", "perfect", "alphabeta:1",
            "--games", "10", "--opening-plies", "0", "--json", path);
        Assert.True(code == 0, error);
        Assert.Contains("tictactoe: round robin of 3 players, 10 games per pair (30 games), 0 random opening plies", output);
        Assert.Contains("rank  player", output);
        Assert.Contains("Results: wins-draws-losses of the row player against the column player", output);

        var report = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("mean", report.GetProperty("anchor").GetString());
        var players = report.GetProperty("players").EnumerateArray().ToArray();
        Assert.Equal(["random", "perfect", "alphabeta:1"], players.Select(p => p.GetProperty("name").GetString()));
        Assert.All(players, p => Assert.Equal(20, p.GetProperty("games").GetInt32()));
        Assert.Equal(0, players.Sum(p => p.GetProperty("elo").GetDouble()), 1e-6);
        Assert.Equal(players.Sum(p => p.GetProperty("wins").GetInt32()), players.Sum(p => p.GetProperty("losses").GetInt32()));
        Assert.Equal(0, players[1].GetProperty("losses").GetInt32()); // perfect never loses without random openings
        Assert.True(players[1].GetProperty("elo").GetDouble() > players[0].GetProperty("elo").GetDouble());
        Assert.All(players, p => Assert.True(p.GetProperty("elo_low").GetDouble() < p.GetProperty("elo").GetDouble()));

        // The ratings are the fit of the pairwise results the report lists: refit them here.
        var results = new PairwiseResults(["random", "perfect", "alphabeta:1"]);
        var pairs = report.GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(3, pairs.Length);
        foreach (var pair in pairs)
        {
            int i = results.IndexOf(pair.GetProperty("player").GetString()!), j = results.IndexOf(pair.GetProperty("opponent").GetString()!);
            results.Add(i, j, new WinDrawLoss(pair.GetProperty("wins").GetInt32(), pair.GetProperty("draws").GetInt32(), pair.GetProperty("losses").GetInt32()));
            Assert.Equal(5, pair.GetProperty("as_first").GetProperty("games").GetInt32());
        }
        var fit = EloRatingFit.Fit(results, RatingAnchor.Mean, report.GetProperty("prior_draws").GetInt32());
        for (int i = 0; i < 3; i++) Assert.Equal(fit.Players[i].Elo, players[i].GetProperty("elo").GetDouble(), 1e-9);
        // The matrix row of perfect against random shows those counts.
        var row = output.Split('\n').Single(l => l.TrimStart().StartsWith("perfect ", StringComparison.Ordinal) && l.Contains(" . ", StringComparison.Ordinal));
        Assert.Contains($"{results[1, 0].Wins}-{results[1, 0].Draws}-{results[1, 0].Losses}", row);

        // Anchored at a player: that player is 0, the others shift by its mean-anchored rating.
        var (anchoredCode, anchoredOutput, _) = CommandLineTests.Run("tournament", "--game", "tictactoe", "--players", "random", "perfect", "alphabeta:1",
            "--games", "10", "--opening-plies", "0", "--anchor", "perfect");
        Assert.Equal(0, anchoredCode);
        Assert.Contains("Elo (0 = perfect)", anchoredOutput);
        Assert.Matches(@"perfect\s+0\s+\(anchor\)", anchoredOutput);
    }

    [Fact]
    public void CheckpointsPlayEachOtherAndReferenceOpponents()
    {
        string path = Path.Combine(_dir, "c.json");
        var (code, output, error) = CommandLineTests.Run("tournament", "--players", Model("tictactoe.ckpt"), Model("tictactoe-seed2.ckpt"), "random",
            "--games", "4", "--simulations", "4", "--json", path);
        Assert.True(code == 0, error);
        Assert.Contains("tictactoe.ckpt: ", output);
        Assert.Contains("4 simulations per move", output);
        var players = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("players").EnumerateArray().ToArray();
        Assert.Equal(["tictactoe.ckpt", "tictactoe-seed2.ckpt", "random"], players.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(Model("tictactoe.ckpt"), players[0].GetProperty("checkpoint").GetString());
        Assert.True(players[0].GetProperty("training_step").GetInt64() > 0);
        Assert.Equal(4, players[1].GetProperty("simulations").GetInt32());
        Assert.Equal(JsonValueKind.Null, players[2].GetProperty("checkpoint").ValueKind);
        Assert.All(players, p => Assert.Equal(8, p.GetProperty("games").GetInt32()));
    }

    [Fact]
    public void PlayersOfAnotherGameOrBadOptionsAreOneErrorLine()
    {
        Assert.Equal("error: --players: all players must play the same game: cartpole-seed1.ckpt plays cartpole, tictactoe.ckpt plays tictactoe",
            Error("--players", Model("tictactoe.ckpt"), Model("cartpole-seed1.ckpt")));
        Assert.Equal("error: --players: all players must play the same game: tictactoe.ckpt plays tictactoe, --game names connect4",
            Error("--players", Model("tictactoe.ckpt"), "random", "--game", "connect4"));
        // Exact play exists for TicTacToe and Connect Four only.
        Assert.Equal("error: --players: opponent 'perfect' cannot play gomoku; opponents for gomoku: random, alphabeta:DEPTH, mcts:PLAYOUTS",
            Error("--players", "random", "perfect", "--game", "gomoku"));
        Assert.Equal("error: --game is needed when no player is a checkpoint (it says which game the reference opponents play)",
            Error("--players", "random", "perfect"));
        Assert.Equal("error: --players: 'random' is given twice", Error("--players", "random", "random", "--game", "tictactoe"));
        Assert.Equal("error: --players: a round robin needs at least two players, got 1", Error("--players", "random", "--game", "tictactoe"));
        Assert.StartsWith("error: --players: unknown opponent 'minimax'; known opponents:", Error("--players", "random", "minimax", "--game", "tictactoe"));
        Assert.Equal("error: --games must be even and >= 2 (each opening is played from both seats), got 5",
            Error("--players", "random", "perfect", "--game", "tictactoe", "--games", "5"));
        Assert.Equal("error: --anchor 'best' is not a player; players: random, perfect, or 'mean'",
            Error("--players", "random", "perfect", "--game", "tictactoe", "--anchor", "best"));
        Assert.Equal("error: --game 'cartpole': expected a two-player board game: tictactoe, connect4, gomoku",
            Error("--players", "random", "perfect", "--game", "cartpole"));
        Assert.StartsWith($"error: {Path.Combine(_dir, "none.ckpt")}: no such checkpoint file",
            Error("--players", Path.Combine(_dir, "none.ckpt"), "random"));
    }

    [Fact]
    public void NamesAreTheShortestDistinctPathEnds()
    {
        var specs = new[] { "runs/a/checkpoints/step-200.ckpt", "runs/b/checkpoints/step-200.ckpt", "runs/a/checkpoints/step-400.ckpt", "random", "runs/c/", "mcts:10" }
            .Select(OpponentSpec.Parse).ToArray();
        Assert.Equal(["a/checkpoints/step-200.ckpt", "b/checkpoints/step-200.ckpt", "step-400.ckpt", "random", "c", "mcts:10"], TournamentCommand.Names(specs));
    }

    [Fact]
    public void APlayerWithAllWinsIsRatedWithOneVirtualDrawUnlessAPriorIsGiven()
    {
        var results = new PairwiseResults(["a", "b", "c"]);
        results.Add(0, 1, new WinDrawLoss(6, 0, 0));
        results.Add(0, 2, new WinDrawLoss(6, 0, 0));
        results.Add(1, 2, new WinDrawLoss(3, 1, 2));
        var (prior, reason) = TournamentCommand.ChoosePrior(null, results);
        Assert.Equal(1, prior);
        Assert.StartsWith("no finite ratings: a won every game against b, c", reason);
        Assert.Equal((2, (string?)null), TournamentCommand.ChoosePrior(2, results));
        Assert.Equal((0, (string?)null), TournamentCommand.ChoosePrior(0, results));

        // The text says so above the table.
        var ratings = EloRatingFit.Fit(results, RatingAnchor.Mean, prior);
        var matches = new[] { new PairResult(0, 1, new(3, 0, 0), new(3, 0, 0)), new PairResult(0, 2, new(3, 0, 0), new(3, 0, 0)), new PairResult(1, 2, new(2, 0, 1), new(1, 1, 1)) };
        var entrants = new[] { "a", "b", "c" }.Select(n => new TournamentEntrant(n, n, null, null, null)).ToArray();
        var report = TournamentReport.Create("tictactoe", entrants, new RoundRobinResult(results, matches), ratings, 6, 2, 1, reason, 1.0);
        string text = TournamentCommand.Text(report, results);
        Assert.Contains($"note: {reason}; the ratings below add 1 virtual draw to every pair (--prior-draws 1)", text);
        Assert.Matches(@"1\s+a\s+\+\d+", text); // a first, with a finite rating
        Assert.Contains("6-0-0", text);
        Assert.Equal(1, report.PriorDraws);
        results.Add(2, 0, new WinDrawLoss(0, 1, 0));
        Assert.Equal((0, (string?)null), TournamentCommand.ChoosePrior(null, results));
    }
}
