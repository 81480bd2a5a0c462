using Microsoft.Extensions.Logging.Abstractions;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Learning;
using MuZero.Training.Replay;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

public sealed class TrainingRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A trivial task for the learner: CartPole games played by random actions. The learner must fit
    /// rewards (always 1), values and the recorded policies; the loss on a fixed held-out batch must drop.
    /// </summary>
    [Fact]
    public void ShortTrainingReducesTheLoss()
    {
        manual_seed(3);
        var spec = EnvironmentRegistry.GetSpec("cartpole");
        var config = new TrainingConfig { BatchSize = 64, UnrollSteps = 3, LearningRate = 0.01, TrainingSteps = 150 };
        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 5000, TdSteps = 5, PriorityAlpha = 0 }, 0.9, twoPlayer: false);
        var rng = new Xoshiro256(9);
        var env = EnvironmentRegistry.Create("cartpole");
        for (ulong episode = 0; replay.Steps < 2000; episode++)
        {
            env.Reset(episode);
            var game = new GameHistory(spec.ObservationSize, spec.ActionCount);
            var obs = new float[4];
            while (!env.IsOver)
            {
                env.WriteObservation(obs);
                int action = rng.NextInt(2);
                game.AddStep(obs, [true, true], 0, action, 0f, action == 0 ? [0.9f, 0.1f] : [0.1f, 0.9f]);
                var step = env.Step(action);
                game.SetLastReward(step.Reward);
                if (step.Done) game.Finish(step.Terminated, step.Truncated);
            }
            replay.Add(game);
        }

        using var network = new MlpNetwork(4, 2, new NetworkConfig { LatentSize = 16, HiddenSize = 32 });
        using var trainer = new UnrollTrainer(network, config, CPU, spec.ObservationShape);
        var heldOut = new TrainingBatch(256, config.UnrollSteps, 4, 2);
        replay.Sample(heldOut, new Xoshiro256(1));
        double Loss()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            heldOut.EncodeTargets(network.ValueSupport, network.RewardSupport);
            using var tensors = BatchTensors.Create(heldOut, [4], network.ValueSupport.Bins, network.RewardSupport.Bins, CPU);
            return MuZeroLoss.Compute(network, tensors, 1.0).Total.item<float>();
        }

        double before = Loss();
        var batch = new TrainingBatch(config.BatchSize, config.UnrollSteps, 4, 2);
        var priorities = new float[config.BatchSize];
        for (int i = 0; i < config.TrainingSteps; i++)
        {
            replay.Sample(batch, rng);
            trainer.Train(batch, priorities);
        }
        double after = Loss();
        Assert.True(after < 0.7 * before, $"loss went from {before:F3} to {after:F3}");
        Assert.Equal(config.TrainingSteps, trainer.Step);
    }

    private ExperimentConfig TinyConfig() => new()
    {
        Name = "tiny",
        Seed = 3,
        Environment = new EnvironmentConfig { Name = "tictactoe" },
        Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
        Search = new SearchConfig { Simulations = 4, Discount = 1.0 },
        SelfPlay = new SelfPlayConfig { ParallelGames = 4 },
        Replay = new ReplayConfig { CapacitySteps = 2000, TdSteps = 9, MinStepsBeforeTraining = 20 },
        Training = new TrainingConfig { TrainingSteps = 12, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 5, LogInterval = 4, UpdatesPerEnvStep = 1 },
        Evaluation = new EvaluationConfig { Episodes = 4 },
    };

    [Fact]
    public void RunEndsAtItsBudgetWithCheckpointMetricsAndResumes()
    {
        var config = TinyConfig();
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "run"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
        {
            var outcome = run.Run(CancellationToken.None);
            Assert.Equal(directory.LatestCheckpointPath, outcome.CheckpointPath);
            Assert.Equal(StopReason.BudgetReached, outcome.Reason);
        }
        var checkpoint = Checkpoint.Load(directory.LatestCheckpointPath);
        Assert.Equal(12, checkpoint.Counters.TrainingStep);
        Assert.True(File.Exists(directory.CheckpointPath(5)));
        Assert.True(File.Exists(directory.CheckpointPath(10)));
        var best = Checkpoint.Load(directory.BestCheckpointPath); // the only evaluation was the final one
        Assert.Equal(12, best.Counters.BestStep);
        Assert.Equal(best.Counters.BestScore, checkpoint.Counters.BestScore);
        string[] metrics = File.ReadAllLines(directory.MetricsPath);
        Assert.Equal(3, metrics.Count(l => l.Contains("\"kind\":\"train\"")));
        Assert.Single(metrics, l => l.Contains("\"kind\":\"evaluation\""));
        Assert.Equal(ConfigLoader.ToJson(config), File.ReadAllText(directory.ConfigPath));

        var longer = checkpoint.Config with { Training = checkpoint.Config.Training with { TrainingSteps = 16 } };
        using (var resumed = new TrainingRun(longer, directory, CPU, NullLogger.Instance, checkpoint))
        {
            resumed.Run(CancellationToken.None);
            Assert.Equal(16, resumed.Counters.TrainingStep);
            Assert.True(resumed.Counters.EnvironmentSteps > checkpoint.Counters.EnvironmentSteps);
        }
    }

    [Fact]
    public void RunStopsAtTheFirstEvaluationThatReachesItsGoalAndStaysFinished()
    {
        // Every evaluation of 4 games has at most 4 losses: the first one, at update 4, ends the run.
        var tiny = TinyConfig();
        var config = tiny with
        {
            Training = tiny.Training with { TrainingSteps = 1000 },
            Evaluation = tiny.Evaluation with { Interval = 4, StopAt = new EvaluationGoal { MaxLosses = 4 } },
        };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "goal"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
        {
            var outcome = run.Run(CancellationToken.None);
            Assert.Equal(StopReason.GoalReached, outcome.Reason);
            Assert.Equal(4, outcome.Step);
        }
        var checkpoint = Checkpoint.Load(directory.LatestCheckpointPath);
        Assert.Equal(4, checkpoint.Counters.TrainingStep);
        Assert.Equal(4, checkpoint.Counters.GoalStep);
        Assert.Single(File.ReadAllLines(directory.MetricsPath), l => l.Contains("\"kind\":\"evaluation\""));

        // Resuming a run that reached its goal trains no further.
        using var resumed = new TrainingRun(checkpoint.Config, directory, CPU, NullLogger.Instance, checkpoint);
        Assert.Equal(StopReason.GoalReached, resumed.Run(CancellationToken.None).Reason);
        Assert.Equal(4, resumed.Counters.TrainingStep);
    }

    [Fact]
    public void CancelledRunStopsWithACheckpoint()
    {
        var config = TinyConfig() with { Training = TinyConfig().Training with { TrainingSteps = 1_000_000 } };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "cancelled"));
        using var run = new TrainingRun(config, directory, CPU, NullLogger.Instance);
        using var cancellation = new CancellationTokenSource();
        var outcome = run.Run(cancellation.Token, progress => { if (progress.TrainingStep >= 8) cancellation.Cancel(); });
        var checkpoint = Checkpoint.Load(directory.LatestCheckpointPath);
        // Cancellation is checked before every update, so the run stops right after the update that asked for it.
        Assert.Equal(8, checkpoint.Counters.TrainingStep);
        Assert.Equal(StopReason.Cancelled, outcome.Reason);
    }

    [Fact]
    public void TheWallClockLimitCountsTheTimeOfEarlierInvocations()
    {
        // A 1.2-second limit over the run's whole life stops it long before its budget; resumed, the run has no time
        // left (the counters carry the time already spent) and trains no further.
        var tiny = TinyConfig();
        var config = tiny with { Training = tiny.Training with { TrainingSteps = 1_000_000, MaxWallMinutes = 0.02 } };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "wall-clock"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
        {
            var outcome = run.Run(CancellationToken.None);
            Assert.Equal(StopReason.WallClockLimit, outcome.Reason);
            Assert.True(outcome.Step < 1_000_000);
        }
        var checkpoint = Checkpoint.Load(directory.LatestCheckpointPath);
        Assert.True(checkpoint.Counters.ElapsedSeconds >= 1.2, $"{checkpoint.Counters.ElapsedSeconds} s");
        using var resumed = new TrainingRun(checkpoint.Config, directory, CPU, NullLogger.Instance, checkpoint);
        var again = resumed.Run(CancellationToken.None);
        Assert.Equal(StopReason.WallClockLimit, again.Reason);
        Assert.Equal(checkpoint.Counters.TrainingStep, again.Step);
    }

    [Fact]
    public void ASignalStopsAnEvaluationDueDuringTheRunAndNothingIsRecordedForIt()
    {
        // The signal comes with the progress report of update 4, where an evaluation is due: the evaluation gives up
        // before its first move instead of playing its games, and the run stops there with a checkpoint.
        var tiny = TinyConfig();
        var config = tiny with
        {
            Training = tiny.Training with { TrainingSteps = 1000 },
            Evaluation = tiny.Evaluation with { Interval = 4, Episodes = 50 },
        };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "signal-in-evaluation"));
        using var run = new TrainingRun(config, directory, CPU, NullLogger.Instance);
        using var cancellation = new CancellationTokenSource();
        var outcome = run.Run(cancellation.Token, progress => { if (progress.TrainingStep >= 4) cancellation.Cancel(); });
        Assert.Equal(StopReason.Cancelled, outcome.Reason);
        Assert.Equal(4, Checkpoint.Load(directory.LatestCheckpointPath).Counters.TrainingStep);
        Assert.DoesNotContain(File.ReadAllLines(directory.MetricsPath), l => l.Contains("\"kind\":\"evaluation\""));
        Assert.False(File.Exists(directory.BestCheckpointPath));
    }

    /// <summary>
    /// Every train record says how long the rounds since the previous one took and how long the learner's bursts and
    /// the actor's moves kept each busy in them: concurrent, each at most the rounds' time; sequential, the two one
    /// after the other, together at most the rounds' time.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainRecordsSayHowBusyTheLearnerAndTheActorKeptTheRounds(bool concurrent)
    {
        var tiny = TinyConfig();
        var config = tiny with { Training = tiny.Training with { TrainingSteps = 16, ConcurrentSelfPlay = concurrent } };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, concurrent ? "concurrent" : "sequential"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance)) run.Run(CancellationToken.None);

        var records = File.ReadAllLines(directory.MetricsPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("kind").GetString() == "train").ToArray();
        Assert.Equal(4, records.Length);
        // A record is written inside a burst and counts the rounds completed before it (a burst longer than the log
        // interval leaves one with none), so only the whole run is sure to have both kinds of busy time.
        double rounds = 0, learnerTotal = 0, actorTotal = 0;
        foreach (var r in records)
        {
            double round = r.GetProperty("round_seconds").GetDouble();
            double learner = r.GetProperty("learner_busy_seconds").GetDouble(), actor = r.GetProperty("actor_busy_seconds").GetDouble();
            const double tick = 1e-6;
            if (concurrent) Assert.True(learner <= round + tick && actor <= round + tick, $"learner {learner} s, actor {actor} s of {round} s");
            else Assert.True(learner + actor <= round + tick, $"learner {learner} s + actor {actor} s of {round} s");
            (rounds, learnerTotal, actorTotal) = (rounds + round, learnerTotal + learner, actorTotal + actor);
        }
        Assert.True(rounds > 0 && learnerTotal > 0 && actorTotal > 0, $"rounds {rounds} s, learner {learnerTotal} s, actor {actorTotal} s");
    }
}
