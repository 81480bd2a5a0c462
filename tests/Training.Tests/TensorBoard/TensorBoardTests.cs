using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Training.Tests.TensorBoard;

/// <summary>
/// The TensorBoard event files of real short trainings, read back with the independent <see cref="EventFileReader"/>:
/// valid framing and CRCs, the expected tags, increasing steps, the values of metrics.jsonl, and no step twice after
/// an interrupted run resumes.
/// </summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-tensorboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExperimentConfig Config(string game) => new()
    {
        Name = "events",
        Seed = 5,
        Environment = new EnvironmentConfig { Name = game },
        Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 2, RewardSupportSize = 2 },
        Search = new SearchConfig { Simulations = 4, Discount = game == "tictactoe" ? 1.0 : 0.99 },
        SelfPlay = new SelfPlayConfig { ParallelGames = 4, WeightsRefreshInterval = 7 },
        Replay = new ReplayConfig { CapacitySteps = 400, TdSteps = 5, MinStepsBeforeTraining = 20 },
        // Logs every 3 updates, checkpoints every 5: the search statistics of a log span a checkpoint.
        Training = new TrainingConfig
        {
            TrainingSteps = 24, BatchSize = 8, UnrollSteps = 2, CheckpointInterval = 5, LogInterval = 3, UpdatesPerEnvStep = 0.75,
        },
        Evaluation = new EvaluationConfig { Episodes = 2, Interval = 10 },
    };

    private static readonly string[] TrainTags =
    [
        TensorBoardTags.TotalLoss, TensorBoardTags.ValueLoss, TensorBoardTags.RewardLoss, TensorBoardTags.PolicyLoss,
        TensorBoardTags.LearningRate, TensorBoardTags.Episodes, TensorBoardTags.EnvironmentSteps, TensorBoardTags.RootValue,
        TensorBoardTags.PolicyEntropy, TensorBoardTags.ReplayPositions, TensorBoardTags.UpdatesPerSecond, TensorBoardTags.EnvironmentStepsPerSecond,
    ];

    /// <summary>The metrics.jsonl field behind each training tag.</summary>
    private static readonly Dictionary<string, string> TrainFields = new()
    {
        [TensorBoardTags.TotalLoss] = "loss", [TensorBoardTags.ValueLoss] = "value_loss", [TensorBoardTags.RewardLoss] = "reward_loss",
        [TensorBoardTags.PolicyLoss] = "policy_loss", [TensorBoardTags.LearningRate] = "learning_rate", [TensorBoardTags.Episodes] = "episodes",
        [TensorBoardTags.EnvironmentSteps] = "env_steps", [TensorBoardTags.RootValue] = "root_value", [TensorBoardTags.PolicyEntropy] = "policy_entropy",
        [TensorBoardTags.ReplayPositions] = "replay_steps", [TensorBoardTags.UpdatesPerSecond] = "updates_per_second",
        [TensorBoardTags.EnvironmentStepsPerSecond] = "env_steps_per_second",
        [TensorBoardTags.RecentReturn] = "recent_return", [TensorBoardTags.DecisiveGames] = "recent_return",
    };

    private static string[] EventFiles(string run) =>
        [.. Directory.GetFiles(run, TensorBoardEventFile.NamePrefix + "*").Order(StringComparer.Ordinal)];

    /// <summary>Every scalar of every event file of <paramref name="run"/>, in file order then record order.</summary>
    private static List<(long Step, string Tag, float Value)> Scalars(string run) =>
        [.. EventFiles(run).SelectMany(EventFileReader.Read).SelectMany(e => e.Scalars.Select(s => (e.Step, s.Tag, s.Value)))];

    private static List<JsonElement> Metrics(string run) =>
        [.. File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)];

    [Theory]
    [InlineData("cartpole")]
    [InlineData("tictactoe")]
    public void ShortTrainingWritesEventsThatHoldTheMetrics(string game)
    {
        var config = Config(game);
        string root = Path.Combine(_dir, "run");
        using (var directory = RunDirectory.CreateNew(root))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None);

        string file = Assert.Single(EventFiles(root));
        var events = EventFileReader.Read(file); // throws on a bad CRC or malformed record
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        // Unix seconds of today, not .NET ticks or 0.
        Assert.All(events.Skip(1), e => Assert.InRange(e.WallTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60));

        var scalars = Scalars(root);
        foreach (var series in scalars.GroupBy(s => s.Tag))
        {
            var steps = series.Select(s => s.Step).ToList();
            Assert.True(steps.Zip(steps.Skip(1)).All(pair => pair.First < pair.Second), $"{series.Key}: steps {string.Join(",", steps)} do not increase");
        }

        bool twoPlayer = game == "tictactoe";
        string recentTag = twoPlayer ? TensorBoardTags.DecisiveGames : TensorBoardTags.RecentReturn;
        var metrics = Metrics(root);
        var train = metrics.Where(m => m.GetProperty("kind").GetString() == "train").ToList();
        Assert.Equal([3, 6, 9, 12, 15, 18, 21, 24], train.Select(m => m.GetProperty("step").GetInt64()));
        foreach (var record in train)
        {
            long step = record.GetProperty("step").GetInt64();
            var atStep = scalars.Where(s => s.Step == step && TrainFields.ContainsKey(s.Tag)).ToDictionary(s => s.Tag, s => s.Value);
            var expected = TrainFields.Where(f => f.Key != (twoPlayer ? TensorBoardTags.RecentReturn : TensorBoardTags.DecisiveGames))
                .Where(f => record.GetProperty(f.Value).ValueKind != JsonValueKind.Null)
                .ToDictionary(f => f.Key, f => (float)record.GetProperty(f.Value).GetDouble());
            Assert.Equal(expected.OrderBy(e => e.Key), atStep.OrderBy(e => e.Key));
            // Every training tag at every log; the search statistics only when a round of self-play ended since the
            // previous log (two logs can fall in one learner burst), which the comparison with metrics.jsonl checks.
            Assert.Empty(TrainTags.Except(atStep.Keys).Except([TensorBoardTags.RootValue, TensorBoardTags.PolicyEntropy]).Select(t => $"{t}@{step}"));
        }
        Assert.True(scalars.Count(s => s.Tag == TensorBoardTags.RootValue) >= train.Count / 2);
        // Self-play has finished games by the last log, and its searches spread visits over at most all actions.
        Assert.Contains(scalars, s => s.Tag == recentTag);
        Assert.DoesNotContain(scalars, s => s.Tag == (twoPlayer ? TensorBoardTags.RecentReturn : TensorBoardTags.DecisiveGames));
        int actions = twoPlayer ? 9 : 2;
        Assert.All(scalars.Where(s => s.Tag == TensorBoardTags.PolicyEntropy), s => Assert.InRange(s.Value, 0f, (float)Math.Log(actions) + 1e-6f));

        var evaluations = metrics.Where(m => m.GetProperty("kind").GetString() == "evaluation").ToList();
        Assert.Equal([10, 20, 24], evaluations.Select(m => m.GetProperty("step").GetInt64()));
        foreach (var record in evaluations)
        {
            long step = record.GetProperty("step").GetInt64();
            var atStep = scalars.Where(s => s.Step == step && s.Tag.StartsWith("evaluation/", StringComparison.Ordinal)).ToDictionary(s => s.Tag, s => s.Value);
            if (twoPlayer)
            {
                double games = record.GetProperty("games").GetInt32();
                double wins = record.GetProperty("wins").GetInt32(), draws = record.GetProperty("draws").GetInt32(), losses = record.GetProperty("losses").GetInt32();
                Assert.Equal(new Dictionary<string, float>
                {
                    [TensorBoardTags.EvaluationScore] = (float)((wins + draws / 2) / games), [TensorBoardTags.EvaluationWinRate] = (float)(wins / games),
                    [TensorBoardTags.EvaluationDrawRate] = (float)(draws / games), [TensorBoardTags.EvaluationLossRate] = (float)(losses / games),
                }.OrderBy(e => e.Key), atStep.OrderBy(e => e.Key));
            }
            else
            {
                float mean = (float)record.GetProperty("mean_return").GetDouble();
                Assert.Equal(new Dictionary<string, float>
                {
                    [TensorBoardTags.EvaluationScore] = mean, [TensorBoardTags.EvaluationMeanReturn] = mean,
                    [TensorBoardTags.EvaluationStdReturn] = (float)record.GetProperty("std_return").GetDouble(),
                }.OrderBy(e => e.Key), atStep.OrderBy(e => e.Key));
            }
        }
    }

    /// <summary>
    /// A run killed after it logged update 12 but before its next checkpoint (and in the middle of writing an event)
    /// resumes from update 10: the second invocation's file is cut back to update 10, the third starts a new file, and
    /// all files together hold exactly the scalars of an uninterrupted run, each step once.
    /// </summary>
    [Fact]
    public void ResumedRunCutsItsEventsBackAndTogetherTheyEqualAnUninterruptedRun()
    {
        var config = Config("tictactoe");
        string whole = Path.Combine(_dir, "whole");
        using (var directory = RunDirectory.CreateNew(whole))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None);

        string killed = Path.Combine(_dir, "killed");
        string savedAt10 = Path.Combine(_dir, "latest-at-10.ckpt");
        using (var directory = RunDirectory.CreateNew(killed))
        {
            using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
                run.Run(CancellationToken.None, stopAtStep: 10);
            File.Copy(directory.LatestCheckpointPath, savedAt10);
        }
        using (var directory = RunDirectory.OpenExisting(killed))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance, Checkpoint.Load(savedAt10)))
            run.Run(CancellationToken.None, stopAtStep: 13); // logs update 12, checkpoints 13
        string second = EventFiles(killed)[1];
        Assert.Contains(EventFileReader.Read(second), e => e.Step == 12);
        byte[] torn = File.ReadAllBytes(second)[..30]; // the start of a record: as a kill in the middle of a write leaves it
        using (var append = new FileStream(second, FileMode.Append)) append.Write(torn);

        // The kill: update 13's checkpoint never happened.
        using (var directory = RunDirectory.OpenExisting(killed))
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance, Checkpoint.Load(savedAt10)))
            run.Run(CancellationToken.None);

        Assert.Equal(3, EventFiles(killed).Length);
        Assert.All(EventFileReader.Read(second), e => Assert.InRange(e.Step, 0, 10));
        // Throughput depends on the clock; everything else is the same run.
        static List<(long, string, float)> Deterministic(string run) =>
            [.. Scalars(run).Where(s => !s.Tag.StartsWith("throughput/", StringComparison.Ordinal)).OrderBy(s => s.Step).ThenBy(s => s.Tag, StringComparer.Ordinal)];
        Assert.Equal(Deterministic(whole), Deterministic(killed));
        var metricsSteps = Metrics(killed).Select(m => $"{m.GetProperty("kind").GetString()}@{m.GetProperty("step").GetInt64()}").ToList();
        Assert.Equal(metricsSteps.Distinct(), metricsSteps);
    }

    [Fact]
    public void CutBackKeepsStepsUpToTheCheckpointAndDropsATornTail()
    {
        string run = Path.Combine(_dir, "cut");
        Directory.CreateDirectory(run);
        var writer = TensorBoardWriter.Create(run);
        for (int step = 1; step <= 5; step++) writer.Write("loss/total", step * 0.5, step);
        string path = Assert.Single(EventFiles(run));
        byte[] whole = File.ReadAllBytes(path);

        Assert.Equal(0, TensorBoardEventFile.CutBack(path, 5));
        Assert.Equal(whole, File.ReadAllBytes(path)); // nothing to drop: untouched

        File.AppendAllText(path, "\u0007\0\0"); // a record header cut short
        Assert.Equal(3, TensorBoardEventFile.CutBack(path, 3)); // steps 4 and 5, and the torn tail
        var events = EventFileReader.Read(path);
        Assert.Equal([0L, 1, 2, 3], events.Select(e => e.Step));
        Assert.Equal([0.5f, 1f, 1.5f], events.Skip(1).Select(e => Assert.Single(e.Scalars).Value));
        Assert.Empty(Directory.GetFiles(run, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));

        // A corrupt record (a flipped data byte) ends what can be trusted: it and everything after go.
        byte[] bytes = File.ReadAllBytes(path);
        int second = 16 + (int)BitConverter.ToUInt64(bytes, 0); // start of the record after the file-version record
        bytes[second + 14] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(1, TensorBoardEventFile.CutBack(path, 100));
        Assert.Equal([0L], EventFileReader.Read(path).Select(e => e.Step));
    }

    [Fact]
    public void Crc32CMatchesTheKnownVectorAndTheBitwiseDefinition()
    {
        Assert.Equal(0xE3069283u, TensorBoardEventFile.Crc32C("123456789"u8));
        Assert.Equal(0xE3069283u, EventFileReader.Crc32C("123456789"u8));
        Assert.Equal(0u, TensorBoardEventFile.Crc32C([]));
        var random = new Random(1);
        for (int length = 0; length < 40; length++) // every remainder of the 8-byte chunks
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(EventFileReader.Crc32C(data), TensorBoardEventFile.Crc32C(data));
        }
        uint crc = 0xE3069283;
        Assert.Equal(((crc >> 15) | (crc << 17)) + 0xA282EAD8, TensorBoardEventFile.MaskedCrc32C("123456789"u8));
    }

    [Fact]
    public void DisabledTensorBoardWritesNoEventFiles()
    {
        var config = Config("tictactoe") with { Training = Config("tictactoe").Training with { Tensorboard = false, TrainingSteps = 6 } };
        using var directory = RunDirectory.CreateNew(Path.Combine(_dir, "off"));
        using (var run = new TrainingRun(config, directory, CPU, NullLogger.Instance))
            run.Run(CancellationToken.None);
        Assert.Empty(EventFiles(directory.Root));
        Assert.Contains("\"root_value\":", File.ReadAllText(directory.MetricsPath));
    }

    [Fact]
    public void StepsBeyondTheWritersRangeAreRefusedAtLoadUnlessTensorBoardIsOff()
    {
        var config = Config("tictactoe") with { Training = Config("tictactoe").Training with { TrainingSteps = 3_000_000_000 } };
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Validate(config, "test.json"));
        Assert.Equal("test.json: training.training_steps must be <= 2147483647 while training.tensorboard is true (TorchSharp's event writer takes 32-bit steps), got 3000000000", e.Message);
        ConfigLoader.Validate(config with { Training = config.Training with { Tensorboard = false } }, "test.json");
    }
}
