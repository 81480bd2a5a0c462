using System.Text.Json;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;

namespace MuZero.Cli.Tests;

/// <summary><c>muzero experiment</c> and <c>--set</c> on real (tiny) TicTacToe trainings, in-process.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-exp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A tiny TicTacToe config: 20 updates, evaluation (4 games) every 10, checkpoints every 10.</summary>
    private string WriteConfig()
    {
        var config = new ExperimentConfig
        {
            Name = "tiny",
            Environment = new EnvironmentConfig { Name = "tictactoe" },
            Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
            Search = new SearchConfig { Simulations = 3, Discount = 1.0 },
            SelfPlay = new SelfPlayConfig { ParallelGames = 8 },
            Replay = new ReplayConfig { CapacitySteps = 2000, TdSteps = 9, MinStepsBeforeTraining = 40 },
            Training = new TrainingConfig { TrainingSteps = 20, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 10, LogInterval = 5, UpdatesPerEnvStep = 0.5 },
            Evaluation = new EvaluationConfig { Episodes = 4, Interval = 10, Simulations = 2 },
        };
        string path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, ConfigLoader.ToJson(config));
        return path;
    }

    [Fact]
    public void SeedsRunInOneDirectoryAreAggregatedAndResumeSkipsFinishedSeedsAndContinuesAnUnfinishedOne()
    {
        string experiment = Path.Combine(_dir, "exp");
        var (code, output, error) = CommandLineTests.Run("experiment", "--config", WriteConfig(), "--seeds", "3,5", "--set", "search.pb_c_init=1.5", "--out", experiment);
        Assert.True(code == 0, error);
        Assert.EndsWith(Path.Combine(experiment, "aggregate.csv"), output.Trim());

        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(experiment, "experiment.json"))))
        {
            Assert.Equal([3UL, 5], manifest.RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()));
            Assert.Equal(["search.pb_c_init=1.5"], manifest.RootElement.GetProperty("overrides").EnumerateArray().Select(s => s.GetString()));
        }
        foreach (ulong seed in (ulong[])[3, 5])
        {
            // Each seed's run records its resolved config: the experiment's seed and the override.
            var config = ConfigLoader.Load(Path.Combine(experiment, $"seed-{seed}", "config.json"));
            Assert.Equal((seed, 1.5), (config.Seed, config.Search.PbCInit));
            Assert.Equal(20, Checkpoint.Load(Path.Combine(experiment, $"seed-{seed}", "checkpoints", "latest.ckpt")).Counters.TrainingStep);
        }
        string[] rows = File.ReadAllLines(Path.Combine(experiment, "aggregate.csv"));
        Assert.Equal("step,runs,env_steps,elapsed_seconds,mean,mean_ci_low,mean_ci_high,iqm,iqm_ci_low,iqm_ci_high", rows[0]);
        Assert.Equal(["10,2", "20,2"], rows[1..].Select(r => string.Join(',', r.Split(',')[..2])));
        Assert.Contains("| 20 | 2 |", output);

        // Seed 5 loses its last checkpoints, as if stopped at update 10: a resume skips seed 3 and finishes seed 5.
        File.Delete(Path.Combine(experiment, "seed-5", "checkpoints", "latest.ckpt"));
        File.Delete(Path.Combine(experiment, "seed-5", "checkpoints", "step-20.ckpt"));
        (code, output, error) = CommandLineTests.Run("experiment", "--resume", experiment);
        Assert.True(code == 0, error);
        Assert.Contains("Seed 3 (1/2): finished at update 20; skipped", error);
        Assert.Contains("Seed 5 (2/2): resuming", error);
        Assert.Equal(20, Checkpoint.Load(Path.Combine(experiment, "seed-5", "checkpoints", "latest.ckpt")).Counters.TrainingStep);
        var steps = File.ReadAllLines(Path.Combine(experiment, "seed-5", "metrics.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == "evaluation").Select(r => r.GetProperty("step").GetInt64());
        Assert.Equal([10L, 20], steps); // the evaluation at 20 was cut back and redone once
        // step-10 holds no replay buffer, so seed 5 continued differently: only the shape of the aggregate is known.
        Assert.Equal(["10,2", "20,2"], File.ReadAllLines(Path.Combine(experiment, "aggregate.csv"))[1..].Select(r => string.Join(',', r.Split(',')[..2])));

        (code, _, error) = CommandLineTests.Run("experiment", "--resume", experiment, "--seeds", "1");
        Assert.Equal(1, code);
        Assert.Equal("error: --resume continues the experiment as its experiment.json records it; do not pass --config, --seeds or --set as well", CommandLineTests.ErrorLine(error));
    }

    [Fact]
    public void OverrideErrorsAreOneLineNamingTheOverride()
    {
        string config = WriteConfig();
        var (code, _, error) = CommandLineTests.Run("train", "--config", config, "--set", "training.batch_size=big", "--run-dir", Path.Combine(_dir, "r"));
        Assert.Equal(1, code);
        Assert.Equal("error: --set training.batch_size: training.batch_size must be an integer, got 'big'", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("bench", "--set", "search.simulatons=3");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --set search.simulatons: unknown field 'simulatons' in search; its fields are simulations, ", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("experiment", "--config", config, "--seeds", "1", "--set", "training.learning_rate=0", "--out", Path.Combine(_dir, "e"));
        Assert.Equal(1, code);
        Assert.Equal("error: --set training.learning_rate: training.learning_rate must be in (0, 10], got 0", CommandLineTests.ErrorLine(error));
        Assert.False(Directory.Exists(Path.Combine(_dir, "e")));

        (code, _, error) = CommandLineTests.Run("train", "--config", config, "--seed", "2", "--set", "seed=3");
        Assert.Equal(1, code);
        Assert.Equal("error: --seed and --set seed both set seed; pass one", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("train", "--resume", Path.Combine(_dir, "r"), "--set", "training.training_steps=50");
        Assert.Equal(1, code);
        Assert.Equal("error: --set cannot change a resumed run: it continues with the config recorded in its checkpoint", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("experiment", "--config", config, "--seeds", "1,x");
        Assert.Equal(1, code);
        Assert.Equal("error: --seeds: 'x' is not a non-negative integer", CommandLineTests.ErrorLine(error));
    }
}
