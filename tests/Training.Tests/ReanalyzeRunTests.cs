using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>Training runs with reanalysis: off is the run without it, on changes the run and resumes exactly.</summary>
public sealed class ReanalyzeRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-reanalyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>As in the resume tests: 4 games in lockstep, checkpoints every 5 updates, 25 updates.</summary>
    private static ExperimentConfig Config(ReanalyzeConfig reanalyze, string game = "tictactoe") => new()
    {
        Name = "reanalyze",
        Seed = 11,
        Environment = new EnvironmentConfig { Name = game },
        Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 2, RewardSupportSize = 2 },
        Search = new SearchConfig { Simulations = 4, Discount = game == "tictactoe" ? 1.0 : 0.99 },
        SelfPlay = new SelfPlayConfig { ParallelGames = 4, WeightsRefreshInterval = 7 },
        Replay = new ReplayConfig { CapacitySteps = 300, TdSteps = 5, PriorityAlpha = 0.5, MinStepsBeforeTraining = 20 },
        Training = new TrainingConfig
        {
            TrainingSteps = 25, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 5, LogInterval = 5, UpdatesPerEnvStep = 0.75,
        },
        Evaluation = new EvaluationConfig { Episodes = 2, Interval = 0 },
        Reanalyze = reanalyze,
    };

    private string Train(string name, ExperimentConfig config, long? stopAtStep = null)
    {
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, name));
        using var run = new TrainingRun(config, directory, CPU, NullLogger.Instance);
        run.Run(CancellationToken.None, stopAtStep: stopAtStep);
        return directory.Root;
    }

    private static float[] Weights(string checkpointPath)
    {
        var checkpoint = Checkpoint.Load(checkpointPath);
        var spec = EnvironmentRegistry.GetSpec(checkpoint.Config.Environment.Name);
        using var network = NetworkRegistry.Create(checkpoint.Config.Network, spec.ObservationShape, spec.ActionCount);
        checkpoint.LoadWeights(network);
        return network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    private static string Latest(string run) => Path.Combine(run, "checkpoints", "latest.ckpt");

    private static JsonElement[] TrainRecords(string run) => File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == "train").ToArray();

    [Fact]
    public void FractionZeroIsTheRunWithoutReanalysisWhateverTheOtherSettings()
    {
        string plain = Train("plain", Config(new ReanalyzeConfig()));
        string off = Train("off", Config(new ReanalyzeConfig { Fraction = 0, TargetRefreshInterval = 3, Simulations = 2 }));
        Assert.Equal(Weights(Latest(plain)), Weights(Latest(off)));
        Assert.Equal(TrainRecords(plain).Select(r => r.GetProperty("loss").GetDouble()), TrainRecords(off).Select(r => r.GetProperty("loss").GetDouble()));
        Assert.False(Checkpoint.Load(Latest(off)).TryReadState("reanalyze_target_model", _ => { }));
        Assert.All(TrainRecords(off), r => Assert.False(r.TryGetProperty("reanalyzed_rows", out _)));
    }

    [Theory]
    [InlineData("tictactoe")]
    [InlineData("cartpole")]
    public void ReanalysisChangesTheRunAndAnInterruptedRunResumesExactly(string game)
    {
        // The target network is refreshed every 7 updates, so at the checkpoint of update 10 it holds update 7's weights
        // (CartPole's long games and continuous values make the run depend on every bit of them).
        var config = Config(new ReanalyzeConfig { Fraction = 0.5, TargetRefreshInterval = 7, Simulations = 3 }, game);
        string whole = Train("whole", config);
        string interrupted = Train("interrupted", config, stopAtStep: 10);
        using (var directory = RunDirectory.OpenExisting(interrupted))
        {
            var checkpoint = Checkpoint.Load(directory.LatestCheckpointPath);
            Assert.Equal(10, checkpoint.Counters.TrainingStep);
            Assert.True(checkpoint.TryReadState("reanalyze_target_model", _ => { }));
            using var run = new TrainingRun(checkpoint.Config, directory, CPU, NullLogger.Instance, checkpoint);
            Assert.True(run.RestoredState);
            Assert.Equal(StopReason.BudgetReached, run.Run(CancellationToken.None).Reason);
        }
        Assert.Equal(Weights(Latest(whole)), Weights(Latest(interrupted)));
        Assert.Equal(TrainRecords(whole).Select(r => r.GetProperty("loss").GetDouble()), TrainRecords(interrupted).Select(r => r.GetProperty("loss").GetDouble()));

        // Half of the 8 rows of every batch were reanalyzed, and the run is not the one without reanalysis.
        Assert.All(TrainRecords(whole), r => Assert.Equal(5 * 4, r.GetProperty("reanalyzed_rows").GetInt64()));
        string plain = Train("plain", Config(new ReanalyzeConfig(), game));
        Assert.NotEqual(Weights(Latest(plain)), Weights(Latest(whole)));
    }

    [Fact]
    public void ConcurrentAndSequentialSelfPlayGiveTheSameRunWithReanalysis()
    {
        var config = Config(new ReanalyzeConfig { Fraction = 0.5, TargetRefreshInterval = 7, Simulations = 3 }, "cartpole");
        string concurrent = Train("concurrent", config);
        string sequential = Train("sequential", config with { Training = config.Training with { ConcurrentSelfPlay = false } });
        Assert.Equal(Weights(Latest(concurrent)), Weights(Latest(sequential)));
    }
}
