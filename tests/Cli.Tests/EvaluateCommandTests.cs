using System.Text.Json;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using static TorchSharp.torch;

namespace MuZero.Cli.Tests;

/// <summary>
/// A tiny TicTacToe run trained for a few updates (so its latest checkpoint holds optimizer, replay and actor state),
/// shared by the evaluate and export tests.
/// </summary>
public sealed class TinyRunFixture : IDisposable
{
    public TinyRunFixture()
    {
        var config = new ExperimentConfig
        {
            Name = "tiny",
            Seed = 3,
            Environment = new EnvironmentConfig { Name = "tictactoe" },
            Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
            Search = new SearchConfig { Simulations = 4, Discount = 1.0 },
            SelfPlay = new SelfPlayConfig { ParallelGames = 8 },
            Replay = new ReplayConfig { CapacitySteps = 5000, TdSteps = 9, MinStepsBeforeTraining = 30 },
            Training = new TrainingConfig { TrainingSteps = 3, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 3, LogInterval = 3, UpdatesPerEnvStep = 0.5 },
            Evaluation = new EvaluationConfig { Episodes = 2, Simulations = 3 },
        };
        string configPath = Path.Combine(Directory, "config.json");
        File.WriteAllText(configPath, ConfigLoader.ToJson(config));
        Run = Path.Combine(Directory, "run");
        var (code, output, error) = CommandLineTests.Run("train", "--config", configPath, "--run-dir", Run);
        if (code != 0) throw new InvalidOperationException($"training the test run failed: {error}");
        Latest = output.Trim();
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("muzero-evaluate-").FullName;

    /// <summary>The run directory.</summary>
    public string Run { get; }

    /// <summary>Its latest checkpoint: weights, optimizer, replay buffer and actor state.</summary>
    public string Latest { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[Collection(nameof(ConsoleCollection))]
public sealed class EvaluateCommandTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-evaluate-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ErrorLine((int Code, string Output, string Error) result)
    {
        var (code, output, error) = result;
        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", error);
        return lines[0];
    }

    private static WinDrawLoss Counts(JsonElement e) => new(e.GetProperty("wins").GetInt32(), e.GetProperty("draws").GetInt32(), e.GetProperty("losses").GetInt32());

    [Fact]
    public void JsonFileHoldsConsistentCountsScoreAndElo()
    {
        string path = Path.Combine(_dir, "eval.json");
        var (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", run.Run, "--games", "9", "--opponent", "random",
            "--simulations", "2", "--parallel-games", "4", "--seed", "77", "--json", path);
        Assert.True(code == 0, error);
        // Text on stdout, the JSON in the file.
        Assert.Contains("tictactoe: 9 games vs random", output);
        Assert.Contains("agent first", output);
        Assert.Contains("trinomial score (Wilson) interval", output);
        Assert.Contains("Elo ", output);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var r = json.RootElement;
        foreach (string field in new[] { "checkpoint", "training_step", "environment", "opponent", "simulations", "opponent_simulations", "seed",
                     "games", "wins", "draws", "losses", "as_first", "as_second", "score", "score_low", "score_high", "confidence",
                     "interval_method", "elo", "elo_low", "elo_high", "seconds", "losses_as_first", "losses_as_second", "win_rate" })
            Assert.True(r.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(run.Latest, r.GetProperty("checkpoint").GetString());
        Assert.Equal(3, r.GetProperty("training_step").GetInt64());
        Assert.Equal("random", r.GetProperty("opponent").GetString());
        Assert.Equal(2, r.GetProperty("simulations").GetInt32());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("opponent_simulations").ValueKind);
        Assert.Equal(77UL, r.GetProperty("seed").GetUInt64());

        var total = Counts(r);
        var first = Counts(r.GetProperty("as_first"));
        var second = Counts(r.GetProperty("as_second"));
        Assert.Equal(9, r.GetProperty("games").GetInt32());
        Assert.Equal(9, total.Games);
        Assert.Equal(5, first.Games);  // games 0, 2, 4, 6, 8
        Assert.Equal(4, second.Games);
        Assert.Equal(total, first + second);
        Assert.Equal(first.Losses, r.GetProperty("losses_as_first").GetInt32());

        double score = r.GetProperty("score").GetDouble();
        Assert.Equal(total.Score, score, 1e-12);
        var interval = ScoreInterval.Trinomial(total);
        Assert.Equal(interval.Low, r.GetProperty("score_low").GetDouble(), 1e-12);
        Assert.Equal(interval.High, r.GetProperty("score_high").GetDouble(), 1e-12);
        Assert.True(interval.Low <= score && score <= interval.High);
        Assert.Equal(0.95, r.GetProperty("confidence").GetDouble());
        AssertElo(score, r.GetProperty("elo"));
        AssertElo(interval.Low, r.GetProperty("elo_low"));
        AssertElo(interval.High, r.GetProperty("elo_high"));

        static void AssertElo(double s, JsonElement elo)
        {
            if (s is 0 or 1) Assert.Equal(JsonValueKind.Null, elo.ValueKind); // infinite: no JSON number
            else Assert.Equal(400 * Math.Log10(s / (1 - s)), elo.GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void JsonAloneStillPrintsJsonInsteadOfText()
    {
        var (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--json", "--episodes", "3", "--opponent", "perfect", "--simulations", "2");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("games").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("wins").GetInt32()); // nobody beats the perfect player
        Assert.Equal("perfect", json.RootElement.GetProperty("opponent").GetString());
    }

    [Fact]
    public void ACheckpointPlaysAsOpponentWithItsOwnSimulations()
    {
        var (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", $"checkpoint:{run.Run}",
            "--opponent-simulations", "5", "--games", "4", "--simulations", "2", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal($"checkpoint:{run.Run}", r.GetProperty("opponent").GetString());
        Assert.Equal(5, r.GetProperty("opponent_simulations").GetInt32());
        Assert.Equal(2, Counts(r.GetProperty("as_first")).Games);
        Assert.Equal(4, Counts(r).Games);
    }

    [Fact]
    public void SearchSettingsChangeForThisEvaluationOnly()
    {
        string[] match = ["evaluate", "--checkpoint", run.Latest, "--games", "6", "--opponent", "random", "--simulations", "8", "--json"];
        var (code, plain, error) = CommandLineTests.Run(match);
        Assert.True(code == 0, error);
        // Naming the checkpoint's own policy changes nothing: the same games.
        (code, var same, error) = CommandLineTests.Run([.. match, "--search", "policy=muzero"]);
        Assert.True(code == 0, error);
        Assert.Equal(Counts(JsonDocument.Parse(plain).RootElement), Counts(JsonDocument.Parse(same).RootElement));
        (code, var gumbel, error) = CommandLineTests.Run([.. match, "--search", "policy=gumbel_muzero", "--search", "gumbel.max_considered_actions=4"]);
        Assert.True(code == 0, error);
        Assert.Equal(6, Counts(JsonDocument.Parse(gumbel).RootElement).Games);
        Assert.Equal("gumbel_muzero", JsonDocument.Parse(gumbel).RootElement.GetProperty("search_policy").GetString());
        Assert.Equal("muzero", JsonDocument.Parse(plain).RootElement.GetProperty("search_policy").GetString());

        Assert.Equal("error: --search policy: search.policy must be one of muzero, gumbel_muzero, got 'alphazero'",
            ErrorLine(CommandLineTests.Run([.. match, "--search", "policy=alphazero"])));
        Assert.StartsWith("error: --search nope: unknown field 'nope' in search",
            ErrorLine(CommandLineTests.Run([.. match, "--search", "nope=1"])));
    }

    [Fact]
    public void BadOpponentsAndCountsAreOneErrorLine()
    {
        Assert.Equal("error: --opponent: unknown opponent 'minimax'; known opponents: random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS, or checkpoint:PATH (a checkpoint file or run directory)",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", "minimax")));
        Assert.StartsWith("error: --opponent: opponent 'checkpoint:': checkpoint: needs a path",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", "checkpoint:")));
        string missing = Path.Combine(_dir, "gone.ckpt");
        Assert.Equal($"error: {missing}: no such checkpoint file or run directory",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", missing, "--games", "2")));
        Assert.Equal("error: --opponent-simulations: only a checkpoint:PATH opponent searches; 'random' does not",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", "random", "--opponent-simulations", "3")));
        Assert.Equal("error: --games and --episodes name the same count: give one",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--games", "3", "--episodes", "3")));
        Assert.Equal("error: --games must be >= 1, got 0",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--games", "0")));

        // A checkpoint of another game.
        string cartpole = Path.Combine(_dir, "cartpole.ckpt");
        var config = new ExperimentConfig { Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16 } };
        var spec = EnvironmentRegistry.GetSpec("cartpole");
        using (var network = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount))
            Checkpoint.Save(cartpole, config, new TrainingCounters(), [1, 2, 3, 4], network, optimizer: null);
        Assert.Equal($"error: opponent checkpoint:{cartpole}: {cartpole} plays cartpole, not tictactoe",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", run.Latest, "--opponent", cartpole, "--games", "2")));
        Assert.Equal("error: --games: cartpole is a single-player game; use --episodes",
            ErrorLine(CommandLineTests.Run("evaluate", "--checkpoint", cartpole, "--games", "2")));
    }

    [Fact]
    public void ASinglePlayerAgentWithHistoryGetsMeanStandardErrorAndMedianWithStickyActions()
    {
        string path = Path.Combine(_dir, "breakout.ckpt");
        var config = ConfigLoader.Parse("""
            { "environment": { "name": "minatar-breakout" }, "observation": { "history_frames": 2, "history_actions": true },
              "network": { "kind": "resnet", "blocks": 1, "channels": 4, "head_channels": 1, "head_hidden_sizes": [8] },
              "evaluation": { "max_episode_steps": 200 } }
            """, "breakout.json");
        var layout = MuZero.Training.Observations.ObservationLayout.For(config);
        using (var network = NetworkRegistry.Create(config.Network, layout.InputShape, layout.ActionCount))
            Checkpoint.Save(path, config, new TrainingCounters(), [1, 2, 3, 4], network, optimizer: null);

        var (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", path, "--episodes", "6", "--simulations", "2", "--seed", "5", "--json");
        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        var r = report.RootElement;
        Assert.Equal("minatar-breakout", r.GetProperty("environment").GetString());
        Assert.Equal(0.1, r.GetProperty("environment_options").GetProperty("sticky_action_probability").GetDouble());
        Assert.Equal(6, r.GetProperty("episodes").GetInt32());
        Assert.Equal(200, r.GetProperty("max_episode_steps").GetInt32());

        // The same episodes played here give the same returns.
        SinglePlayerResult expected;
        using (var agent = CheckpointAgent.Load(path, CPU, simulations: 2))
            expected = Evaluator.SinglePlayer(agent.Agent, agent.NewEnvironment, 6, 5, 200);
        Assert.Equal(expected.MeanReturn, r.GetProperty("mean_return").GetDouble(), 9);
        Assert.Equal(expected.MedianReturn, r.GetProperty("median_return").GetDouble(), 9);
        Assert.Equal(r.GetProperty("std_return").GetDouble() / Math.Sqrt(6), r.GetProperty("standard_error").GetDouble(), 9);
        Assert.Equal(expected.TruncatedEpisodes, r.GetProperty("truncated_episodes").GetInt32());

        (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", path, "--episodes", "6", "--simulations", "2", "--seed", "5");
        Assert.True(code == 0, error);
        string[] lines = output.Trim().Split('\n');
        Assert.StartsWith("minatar-breakout (sticky_action_probability 0.1, full action set): 6 greedy episodes;", lines[0]);
        Assert.Equal(["episodes", "mean", "std.", "error", "median", "std", "min", "max"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected.MeanReturn.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public void ExportDropsTrainingStateAndEvaluatesIdentically()
    {
        string exported = Path.Combine(_dir, "agent.ckpt");
        var (code, output, error) = CommandLineTests.Run("export", "--checkpoint", run.Run, "--out", exported);
        Assert.True(code == 0, error);
        long before = new FileInfo(run.Latest).Length, after = new FileInfo(exported).Length;
        Assert.True(after < before / 2, $"{after} of {before} bytes");
        Assert.Equal($"{exported}: {after:N0} bytes, from {run.Latest}: {before:N0} bytes ({100.0 * after / before:0}%; left out: actor, actor_carried_states, actor_model, optimizer, recent_returns, replay, search_statistics)",
            output.Trim());
        var copy = Checkpoint.Load(exported);
        Assert.False(copy.HasOptimizer || copy.HasSection("replay"));

        // Same network outputs, bit for bit.
        using (var original = CheckpointAgent.Load(run.Latest, CPU, null))
        using (var reduced = CheckpointAgent.Load(exported, CPU, null))
        using (var scope = NewDisposeScope())
        {
            var network1 = original.Network;
            var network2 = reduced.Network;
            var observations = rand(5, 27);
            var (policy1, value1) = network1.Predict(network1.Represent(observations));
            var (policy2, value2) = network2.Predict(network2.Represent(observations));
            Assert.True(policy1.allclose(policy2, 0, 0) && value1.allclose(value2, 0, 0));
        }

        // Same evaluation, game for game.
        string[] evaluate = ["evaluate", "--games", "6", "--opponent", "random", "--simulations", "2", "--json"];
        var (code1, json1, error1) = CommandLineTests.Run([.. evaluate, "--checkpoint", run.Latest]);
        var (code2, json2, error2) = CommandLineTests.Run([.. evaluate, "--checkpoint", exported]);
        Assert.True(code1 == 0 && code2 == 0, error1 + error2);
        Assert.Equal(Without(json1), Without(json2));

        // An existing file is kept unless --force.
        File.WriteAllText(exported, "keep");
        Assert.Equal($"error: --out {exported}: file exists; pass --force to overwrite it",
            ErrorLine(CommandLineTests.Run("export", "--checkpoint", run.Latest, "--out", exported)));
        Assert.Equal("keep", File.ReadAllText(exported));
        (code, _, error) = CommandLineTests.Run("export", "--checkpoint", run.Latest, "--out", exported, "--force");
        Assert.True(code == 0, error);
        Assert.Equal(after, new FileInfo(exported).Length);
    }

    /// <summary>The report without the fields that name the file or time the run.</summary>
    private static string Without(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("checkpoint");
        node.Remove("seconds");
        return node.ToJsonString();
    }
}
