using MuZero.Environments;
using MuZero.Networks;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Learning.Optimizers;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExperimentConfig SmallConfig() => new()
    {
        Seed = 5,
        Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16 },
    };

    private string SaveOne(ExperimentConfig config, MuZeroNetwork network)
    {
        string path = Path.Combine(_dir, "a.ckpt");
        using var optimizer = new AdamOptimizer(network.parameters(), 0.01, weightDecay: 0);
        Checkpoint.Save(path, config, new TrainingCounters { TrainingStep = 42, EnvironmentSteps = 1000 }, [1, 2, 3, 4], network, optimizer);
        return path;
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalOutputs()
    {
        var config = SmallConfig();
        var spec = EnvironmentRegistry.GetSpec(config.Environment.Name);
        using var original = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        string path = SaveOne(config, original);

        var checkpoint = Checkpoint.Load(path);
        using var restored = NetworkRegistry.Create(checkpoint.Config.Network, spec.ObservationShape, spec.ActionCount);
        checkpoint.LoadWeights(restored);

        using var scope = NewDisposeScope();
        var obs = randn(7, 4);
        var actions = tensor(new long[] { 0, 1, 0, 1, 1, 0, 0 });
        foreach (var ((name, p1), (_, p2)) in original.named_parameters().Zip(restored.named_parameters()))
            Assert.True(p1.allclose(p2, 0, 0), name);
        Assert.True(original.Represent(obs).allclose(restored.Represent(obs), 0, 0));
        var (a, ra) = original.Dynamics(original.Represent(obs), actions);
        var (b, rb) = restored.Dynamics(restored.Represent(obs), actions);
        Assert.True(a.allclose(b, 0, 0) && ra.allclose(rb, 0, 0));
        Assert.True(original.Predict(a).ValueLogits.allclose(restored.Predict(b).ValueLogits, 0, 0));
        Assert.Equal(42, checkpoint.Counters.TrainingStep);
        Assert.Equal(new ulong[] { 1, 2, 3, 4 }, checkpoint.RngState);
        Assert.Equal(config.Seed, checkpoint.Config.Seed);
        Assert.True(checkpoint.HasOptimizer);
    }

    [Fact]
    public void ResidualNetworkRoundTripsWithItsBatchNormStatistics()
    {
        var config = SmallConfig() with
        {
            Environment = new EnvironmentConfig { Name = "tictactoe" },
            Network = new NetworkConfig { Kind = ResidualNetwork.KindName, Blocks = 1, Channels = 8, HeadHiddenSizes = [16] },
        };
        var spec = EnvironmentRegistry.GetSpec("tictactoe");
        using var original = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        using (var scope = NewDisposeScope())
        {
            original.train(); // move the running statistics off their initial 0 and 1
            for (int i = 0; i < 3; i++) original.Represent(rand(16, 3, 3, 3) * 2);
        }
        string path = SaveOne(config, original);

        var checkpoint = Checkpoint.Load(path);
        Assert.Equal(ActionEncoding.CellPlane, checkpoint.Config.Network.ActionEncoding); // resolved on load
        using var restored = NetworkRegistry.Create(checkpoint.Config.Network, spec.ObservationShape, spec.ActionCount);
        checkpoint.LoadWeights(restored);
        original.eval();
        restored.eval();

        using var outputs = NewDisposeScope();
        var buffers = original.named_buffers().ToList();
        Assert.Contains(buffers, b => b.name.EndsWith("running_mean") && b.buffer.abs().max().item<float>() > 0);
        foreach (var ((name, b1), (_, b2)) in buffers.Zip(restored.named_buffers()))
            Assert.True(b1.allclose(b2, 0, 0), name);
        var obs = rand(5, 3, 3, 3);
        var actions = tensor(new long[] { 0, 4, 8, 2, 4 });
        var (a, ra) = original.Dynamics(original.Represent(obs), actions);
        var (b, rb) = restored.Dynamics(restored.Represent(obs), actions);
        Assert.True(a.allclose(b, 0, 0) && ra.allclose(rb, 0, 0));
        Assert.True(original.Predict(a).PolicyLogits.allclose(restored.Predict(b).PolicyLogits, 0, 0));
    }

    [Fact]
    public void MissingCheckpointIsOneClearLine()
    {
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path.Combine(_dir, "none.ckpt")));
        Assert.Equal($"{Path.Combine(_dir, "none.ckpt")}: checkpoint not found", e.Message);
    }

    [Fact]
    public void FlippedByteIsDetectedAsCorrupt()
    {
        var config = SmallConfig();
        using var network = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("cartpole").ObservationShape, EnvironmentRegistry.GetSpec("cartpole").ActionCount);
        string path = SaveOne(config, network);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path));
        Assert.Equal($"{path}: checkpoint is corrupt or truncated (checksum mismatch)", e.Message);
    }

    [Fact]
    public void TruncatedAndForeignFilesAreRejected()
    {
        var config = SmallConfig();
        using var network = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("cartpole").ObservationShape, EnvironmentRegistry.GetSpec("cartpole").ActionCount);
        string path = SaveOne(config, network);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("corrupt or truncated", Assert.Throws<CheckpointException>(() => Checkpoint.Load(path)).Message);

        string text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "hello, this is not a checkpoint at all; it is long enough to have a header");
        Assert.Equal($"{text}: not a MuZero checkpoint (bad header)", Assert.Throws<CheckpointException>(() => Checkpoint.Load(text)).Message);
    }

    [Fact]
    public void WeightsOfAnotherArchitectureAreRejectedClearly()
    {
        var config = SmallConfig();
        using var network = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("cartpole").ObservationShape, EnvironmentRegistry.GetSpec("cartpole").ActionCount);
        string path = SaveOne(config, network);
        using var wider = NetworkRegistry.Create(config.Network with { HiddenSize = 32 }, EnvironmentRegistry.GetSpec("cartpole").ObservationShape, EnvironmentRegistry.GetSpec("cartpole").ActionCount);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path).LoadWeights(wider));
        Assert.StartsWith($"{path}: weights do not fit", e.Message);
    }

    [Fact]
    public void OptimizerStateOfAnotherOptimizerIsRejectedClearly()
    {
        var config = SmallConfig();
        using var network = NetworkRegistry.Create(config.Network, EnvironmentRegistry.GetSpec("cartpole").ObservationShape, EnvironmentRegistry.GetSpec("cartpole").ActionCount);
        string path = SaveOne(config, network);
        using var sgd = new SgdOptimizer(network.parameters(), 0.01, momentum: 0.9, weightDecay: 0);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path).LoadOptimizer(sgd));
        Assert.Equal($"{path}: optimizer state does not fit (optimizer state is for 'adam', the config asks for 'sgd')", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RunDirectoryResolvesToItsLatestCheckpoint()
    {
        using var run = RunDirectory.CreateNew(Path.Combine(_dir, "run"));
        Assert.Throws<CheckpointException>(() => Checkpoint.Resolve(run.Root));
        File.WriteAllText(run.LatestCheckpointPath, "x");
        Assert.Equal(run.LatestCheckpointPath, Checkpoint.Resolve(run.Root));
    }
}
