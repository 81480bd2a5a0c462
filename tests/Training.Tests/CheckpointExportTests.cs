using MuZero.Environments;
using MuZero.Networks;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Learning.Optimizers;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

public sealed class CheckpointExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WeightsOnlyCopyKeepsConfigCountersAndWeightsAndDropsTheRest()
    {
        var config = new ExperimentConfig { Seed = 8, Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16 } };
        var spec = EnvironmentRegistry.GetSpec(config.Environment.Name);
        using var network = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        using var optimizer = new AdamOptimizer(network.parameters(), 0.01, weightDecay: 0);
        // One optimizer step, so that its moments are not all zero.
        using (var scope = NewDisposeScope())
        {
            network.Represent(randn(3, 4)).sum().backward();
            optimizer.Step();
        }
        string full = Path.Combine(_dir, "full.ckpt"), exported = Path.Combine(_dir, "exported.ckpt");
        Checkpoint.Save(full, config, new TrainingCounters { TrainingStep = 17 }, [5, 6, 7, 8], network, optimizer,
            [("replay", w => w.Write(new byte[4096])), ("actor", w => w.Write(3))]);

        var dropped = Checkpoint.Load(full).SaveWeightsOnly(exported);

        Assert.Equal(["actor", "optimizer", "replay"], dropped);
        var copy = Checkpoint.Load(exported);
        Assert.False(copy.HasOptimizer);
        Assert.False(copy.HasSection("replay") || copy.HasSection("actor"));
        Assert.Equal(17, copy.Counters.TrainingStep);
        Assert.Equal(ConfigLoader.ToJson(Checkpoint.Load(full).Config), ConfigLoader.ToJson(copy.Config));
        Assert.True(new FileInfo(exported).Length < new FileInfo(full).Length);
        using var restored = NetworkRegistry.Create(copy.Config.Network, spec.ObservationShape, spec.ActionCount);
        copy.LoadWeights(restored);
        foreach (var ((name, p1), (_, p2)) in network.named_parameters().Zip(restored.named_parameters()))
            Assert.True(p1.allclose(p2, 0, 0), name);
        Assert.Empty(Directory.GetFiles(_dir, $"{Checkpoint.TemporaryPrefix}*{Checkpoint.TemporarySuffix}"));
    }
}
