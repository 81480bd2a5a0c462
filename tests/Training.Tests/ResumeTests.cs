using Microsoft.Extensions.Logging.Abstractions;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Observations;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>Exact resume, run-directory safety and what a resumed run does with metrics and damaged checkpoints.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// TicTacToe with 4 games in lockstep: a checkpoint at update 10 falls while games are unfinished and the
    /// replay buffer holds dozens of games with refreshed priorities.
    /// </summary>
    /// <remarks>
    /// MinAtar Breakout plays with sticky actions at 0.5 (the first step of an episode often repeats the previous
    /// episode's last action), two frames and their actions of history, and episodes cut at 30 steps.
    /// </remarks>
    private static ExperimentConfig Config(string game = "tictactoe", string network = "mlp", bool symmetryAugmentation = false) => new()
    {
        Name = "resume",
        Seed = 11,
        Environment = game.StartsWith("minatar-", StringComparison.Ordinal)
            ? new EnvironmentConfig { Name = game, StickyActionProbability = 0.5 }
            : new EnvironmentConfig { Name = game },
        Observation = game.StartsWith("minatar-", StringComparison.Ordinal) ? new ObservationConfig { HistoryFrames = 2, HistoryActions = true } : new ObservationConfig(),
        Network = network == ResidualNetwork.KindName
            ? new NetworkConfig { Kind = network, Blocks = 1, Channels = 4, HeadChannels = 2, HeadHiddenSizes = [8], ValueSupportSize = 2, RewardSupportSize = 2 }
            : new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 2, RewardSupportSize = 2 },
        Search = new SearchConfig { Simulations = 4, Discount = game == "tictactoe" ? 1.0 : 0.99 },
        SelfPlay = new SelfPlayConfig { ParallelGames = 4, WeightsRefreshInterval = 7, MaxEpisodeSteps = game.StartsWith("minatar-", StringComparison.Ordinal) ? 30 : null },
        Replay = new ReplayConfig { CapacitySteps = 300, TdSteps = 5, PriorityAlpha = 0.5, MinStepsBeforeTraining = 20 },
        Training = new TrainingConfig
        {
            TrainingSteps = 25, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 5, LogInterval = 5, UpdatesPerEnvStep = 0.75,
            SymmetryAugmentation = symmetryAugmentation,
        },
        Evaluation = new EvaluationConfig { Episodes = 2, Interval = 10 },
    };

    private static float[] Weights(string checkpointPath)
    {
        var checkpoint = Checkpoint.Load(checkpointPath);
        var layout = ObservationLayout.For(checkpoint.Config);
        using var network = NetworkRegistry.Create(checkpoint.Config.Network, layout.InputShape, layout.ActionCount);
        checkpoint.LoadWeights(network);
        // Buffers too: batch norm's running statistics are part of what search uses.
        return network.parameters().Concat(network.buffers()).SelectMany(p => p.to(ScalarType.Float32).data<float>().ToArray()).ToArray();
    }

    [Theory]
    [InlineData("tictactoe", "mlp")]
    [InlineData("cartpole", "mlp")]
    [InlineData("tictactoe", "resnet")]
    [InlineData("minatar-breakout", "mlp")]
    [InlineData("connect4", "resnet", true)] // the symmetry draws come from the sampler's stream, which the checkpoint keeps
    public void RunInterruptedAtACheckpointAndResumedEndsWithTheSameWeights(string game, string network, bool symmetryAugmentation = false)
    {
        var config = Config(game, network, symmetryAugmentation);
        using (var directory = RunDirectory.CreateNew(Path.Combine(_dir, "whole")))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None);

        string interrupted = Path.Combine(_dir, "interrupted");
        using (var directory = RunDirectory.CreateNew(interrupted))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            Assert.Equal(StopReason.StepLimit, run.Run(CancellationToken.None, stopAtStep: 10).Reason);
        using (var directory = RunDirectory.OpenExisting(interrupted))
        {
            var checkpoint = Checkpoint.LoadNewestValid(directory, message => throw new InvalidOperationException(message));
            Assert.Equal(10, checkpoint.Counters.TrainingStep);
            using var run = new TrainingRun(checkpoint.Config, directory, CPU, NullLogger.Instance, checkpoint);
            Assert.True(run.RestoredState);
            Assert.Equal(StopReason.BudgetReached, run.Run(CancellationToken.None).Reason);
        }

        var whole = Checkpoint.Load(Path.Combine(_dir, "whole", "checkpoints", "latest.ckpt"));
        var resumed = Checkpoint.Load(Path.Combine(interrupted, "checkpoints", "latest.ckpt"));
        Assert.Equal(whole.Counters with { ElapsedSeconds = 0 }, resumed.Counters with { ElapsedSeconds = 0 });
        Assert.Equal(Weights(whole.Path), Weights(resumed.Path));

        // The same records, with no update logged twice.
        static string[] Steps(string run) => File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(r => $"{r.GetProperty("kind").GetString()}@{r.GetProperty("step").GetInt64()}:{(r.TryGetProperty("loss", out var loss) ? loss.GetDouble() : 0)}")
            .ToArray();
        Assert.Equal(Steps(Path.Combine(_dir, "whole")), Steps(interrupted));
    }

    [Fact]
    public void ConcurrentAndSequentialSelfPlayGiveTheSameRun()
    {
        var weights = new List<float[]>();
        foreach (bool concurrent in new[] { true, false })
        {
            var config = Config() with { Training = Config().Training with { ConcurrentSelfPlay = concurrent } };
            using var directory = RunDirectory.CreateNew(Path.Combine(_dir, $"concurrent-{concurrent}"));
            using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
                run.Run(CancellationToken.None);
            weights.Add(Weights(directory.LatestCheckpointPath));
        }
        Assert.Equal(weights[0], weights[1]);
    }

    [Fact]
    public void ALowReplayRatioSpendsExactlyTheCreditItEarns()
    {
        // 4 games x 0.1 = 0.4 updates of credit per round: most rounds have no burst at all.
        var config = Config() with { Training = Config().Training with { UpdatesPerEnvStep = 0.1, TrainingSteps = 12 } };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "low-ratio"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None);
        var counters = Checkpoint.Load(directory.LatestCheckpointPath).Counters;
        Assert.Equal(12, counters.TrainingStep);
        Assert.InRange(counters.UpdateCredit, 0, 1);
    }

    [Fact]
    public void WeightsOnlyCheckpointResumesWithAnEmptyReplayBuffer()
    {
        var config = Config();
        string root = Path.Combine(_dir, "run");
        using (var directory = RunDirectory.CreateNew(root))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None, stopAtStep: 10);
        using (var directory = RunDirectory.OpenExisting(root))
        {
            var stepCheckpoint = Checkpoint.Load(directory.CheckpointPath(10));
            Assert.False(stepCheckpoint.HasSection("replay"));
            using var run = new TrainingRun(config, directory, CPU, NullLogger.Instance, stepCheckpoint);
            Assert.False(run.RestoredState);
            Assert.Equal(25, run.Run(CancellationToken.None).Step);
        }
    }

    [Fact]
    public void DamagedLatestCheckpointFallsBackToTheNewestIntactStepCheckpoint()
    {
        string root = Path.Combine(_dir, "run");
        using (var directory = RunDirectory.CreateNew(root))
        using (var run = new TrainingRun(Config(), directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None, stopAtStep: 10);
        using var reopened = RunDirectory.OpenExisting(root);
        byte[] bytes = File.ReadAllBytes(reopened.LatestCheckpointPath);
        File.WriteAllBytes(reopened.LatestCheckpointPath, bytes[..(bytes.Length / 2)]);
        File.WriteAllBytes(reopened.CheckpointPath(10), bytes[..10]);

        var warnings = new List<string>();
        var checkpoint = Checkpoint.LoadNewestValid(reopened, warnings.Add);
        Assert.Equal(reopened.CheckpointPath(5), checkpoint.Path);
        Assert.Equal(5, checkpoint.Counters.TrainingStep);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("latest.ckpt: checkpoint is corrupt or truncated", warnings[0]);
    }

    [Fact]
    public void NewRunRefusesADirectoryThatHoldsFilesAndASecondProcessIsLockedOut()
    {
        string root = Path.Combine(_dir, "used");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "notes.txt"), "mine");
        var e = Assert.Throws<RunDirectoryException>(() => RunDirectory.CreateNew(root));
        Assert.Contains("run directory is not empty", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(root, "notes.txt")));

        using var first = RunDirectory.CreateNew(Path.Combine(_dir, "fresh"));
        var locked = Assert.Throws<RunDirectoryException>(() => RunDirectory.OpenExisting(first.Root));
        Assert.Contains("in use by another training process", locked.Message);
    }

    [Fact]
    public void ResumeDeletesTheTemporaryFilesOfInterruptedCheckpointWrites()
    {
        string root = Path.Combine(_dir, "run");
        using (var directory = RunDirectory.CreateNew(root))
            File.WriteAllText(Path.Combine(root, "checkpoints", ".latest.ckpt.4242.tmp"), "half");
        using var reopened = RunDirectory.OpenExisting(root);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "checkpoints"), "*.tmp"));
    }

    [Fact]
    public void MetricsOfAResumedRunAreCutBackToTheCheckpointAndATornLineIsDropped()
    {
        string path = Path.Combine(_dir, "metrics.jsonl");
        File.WriteAllText(path,
            "{\"kind\":\"train\",\"step\":100,\"loss\":1}\n" +
            "{\"kind\":\"evaluation\",\"step\":200}\n" +
            "{\"kind\":\"train\",\"step\":300,\"loss\":0.5}\n" +
            "{\"kind\":\"train\",\"st");
        var (writer, dropped) = MetricsWriter.OpenForResume(path, 200);
        using (writer) writer.Write("train", new Dictionary<string, object?> { ["step"] = 250 });
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(2, dropped);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"step\":100", lines[0]);
        Assert.Contains("\"step\":200", lines[1]);
        Assert.Contains("\"step\":250", lines[2]);
    }

    [Fact]
    public void DivergedTrainingStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint()
    {
        var config = Config();
        string root = Path.Combine(_dir, "run");
        using (var directory = RunDirectory.CreateNew(root))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None, stopAtStep: 5);

        // Poison the weights of the latest checkpoint: the next update's loss is NaN.
        string latest = Path.Combine(root, "checkpoints", "latest.ckpt");
        var good = Checkpoint.Load(latest);
        using (var network = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("tictactoe").ObservationShape, EnvironmentRegistry.GetSpec("tictactoe").ActionCount))
        {
            good.LoadWeights(network);
            using (no_grad())
                foreach (var p in network.parameters()) p.fill_(double.NaN);
            Checkpoint.Save(latest, good.Config, good.Counters, good.RngState, network, optimizer: null);
        }
        using var reopened = RunDirectory.OpenExisting(root);
        var checkpoint = Checkpoint.Load(latest);
        var e = Assert.Throws<CheckpointException>(() => new TrainingRun(config, reopened, CPU, NullLogger.Instance, checkpoint));
        Assert.Contains("no optimizer state", e.Message);

        using var network2 = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("tictactoe").ObservationShape, EnvironmentRegistry.GetSpec("tictactoe").ActionCount);
        checkpoint.LoadWeights(network2);
        using var optimizer = MuZero.Training.Learning.Optimizers.OptimizerRegistry.Create("adam", network2.parameters(), config.Training);
        Checkpoint.Save(latest, good.Config, good.Counters, good.RngState, network2, optimizer);
        byte[] poisoned = File.ReadAllBytes(latest);
        using var run2 = new TrainingRun(config, reopened, CPU, NullLogger.Instance, Checkpoint.Load(latest));
        var diverged = Assert.Throws<TrainingDivergedException>(() => run2.Run(CancellationToken.None));
        Assert.StartsWith("training diverged after update 5: self-play searches return NaN", diverged.Message);
        Assert.Contains("latest.ckpt (update 5)", diverged.Message);
        Assert.Equal(poisoned, File.ReadAllBytes(latest)); // not overwritten by the diverged weights
    }
}
