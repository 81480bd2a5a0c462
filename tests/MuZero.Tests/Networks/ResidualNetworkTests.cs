using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class ResidualNetworkTests
{
    private static NetworkConfig Config(NetworkNormalization normalization = NetworkNormalization.Batch, ActionEncoding? encoding = null) => new()
    {
        Kind = ResidualNetwork.KindName,
        Blocks = 1,
        Channels = 8,
        PredictionBlocks = 1,
        HeadChannels = 2,
        HeadHiddenSizes = [16],
        Normalization = normalization,
        ActionEncoding = encoding,
        ValueSupportSize = 3,
        RewardSupportSize = 2,
    };

    private static ResidualNetwork Make(int[] shape, int actions, NetworkConfig config)
    {
        manual_seed(11);
        return Assert.IsType<ResidualNetwork>(NetworkRegistry.Create(config, shape, actions));
    }

    [Theory]
    [InlineData(3, 3, 3, 9, NetworkNormalization.Batch)]   // TicTacToe
    [InlineData(3, 6, 7, 7, NetworkNormalization.Layer)]   // Connect Four
    [InlineData(10, 10, 10, 6, NetworkNormalization.Batch)] // MinAtar
    [InlineData(2, 9, 9, 81, NetworkNormalization.Layer)]  // Gomoku
    public void ShapesFollowTheObservationAndConfig(int c, int h, int w, int actions, NetworkNormalization normalization)
    {
        using var network = Make([c, h, w], actions, Config(normalization));
        using var scope = NewDisposeScope();
        var latent = network.Represent(rand(5, c, h, w));
        Assert.Equal(new long[] { 5, 8, h, w }, latent.shape);
        Assert.True(network.Represent(rand(5, c * h * w)).shape.SequenceEqual(latent.shape)); // flat observations too
        var (next, reward) = network.Dynamics(latent, tensor(new long[] { 0, actions - 1, 1, 0, actions / 2 }));
        Assert.Equal(new long[] { 5, 8, h, w }, next.shape);
        Assert.Equal(new long[] { 5, 5 }, reward.shape);
        var (policy, value) = network.Predict(next);
        Assert.Equal(new long[] { 5, actions }, policy.shape);
        Assert.Equal(new long[] { 5, 7 }, value.shape);
    }

    [Fact]
    public void OnlyCxHxWObservationsAreAccepted()
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkRegistry.Create(Config(), [4], 2));
        Assert.Equal("network.kind resnet needs C x H x W observations, got [4]", e.Message);
    }

    [Fact]
    public void ResolvedConfigFillsEveryResidualFieldAndLeavesMlpConfigsAlone()
    {
        var resolved = new NetworkConfig { Kind = "resnet", Channels = 16 }.Resolved([3, 6, 7], 7);
        Assert.Equal(NetworkConfig.DefaultBlocks, resolved.Blocks);
        Assert.Equal(16, resolved.Channels);
        Assert.Equal(NetworkConfig.DefaultPredictionBlocks, resolved.PredictionBlocks);
        Assert.Equal(NetworkConfig.DefaultHeadChannels, resolved.HeadChannels);
        Assert.Equal([NetworkConfig.DefaultHeadHiddenSize], resolved.HeadHiddenSizes!);
        Assert.Equal(NetworkNormalization.Batch, resolved.Normalization);
        Assert.Equal(ActionEncoding.CellPlane, resolved.ActionEncoding); // 7 actions = 7 columns
        Assert.Equal(ActionEncoding.OneHotPlanes, new NetworkConfig { Kind = "resnet" }.Resolved([10, 10, 10], 6).ActionEncoding);
        var mlp = new NetworkConfig();
        Assert.Same(mlp, mlp.Resolved([3, 3, 3], 9));
    }

    [Theory]
    [InlineData(NetworkNormalization.Batch)]
    [InlineData(NetworkNormalization.Layer)]
    public void LatentsAreMinMaxScaledPerExample(NetworkNormalization normalization)
    {
        using var network = Make([3, 6, 7], 7, Config(normalization));
        network.eval();
        using var scope = NewDisposeScope();
        var latent = network.Represent(rand(4, 3, 6, 7) * 5); // [4, 8, 6, 7]
        var (next, _) = network.Dynamics(latent, tensor(new long[] { 0, 1, 2, 6 }));
        foreach (var state in new[] { latent, next })
        {
            var flat = state.flatten(1); // [4, 336]
            Assert.Equal(new float[] { 0, 0, 0, 0 }, flat.amin([1L]).data<float>().ToArray());
            float[] max = flat.amax([1L]).data<float>().ToArray();
            Assert.All(max, m => Assert.Equal(1f, m, 5));
        }
    }

    [Theory]
    [InlineData(ActionEncoding.OneHotPlanes)]
    [InlineData(ActionEncoding.ScaledPlane)]
    [InlineData(ActionEncoding.CellPlane)]
    public void EveryActionMovesTheLatentDifferently(ActionEncoding encoding)
    {
        const int actions = 7;
        using var network = Make([3, 6, 7], actions, Config(encoding: encoding));
        network.eval();
        Assert.Equal(encoding, network.ActionEncoding);
        using var scope = NewDisposeScope();
        var latent = network.Represent(rand(1, 3, 6, 7)).expand(actions, -1, -1, -1); // one state, [7, 8, 6, 7]
        var (next, reward) = network.Dynamics(latent, arange(actions, ScalarType.Int64)); // each action once
        var flat = next.flatten(1); // [7, 336]
        for (int a = 0; a < actions; a++)
        {
            for (int b = a + 1; b < actions; b++)
                Assert.True((flat[a] - flat[b]).abs().max().item<float>() > 1e-3, $"actions {a} and {b} give the same next latent");
        }
    }

    [Fact]
    public void BatchNormEvalModeIsDeterministicAndPerExampleWhileTrainModeUsesTheBatch()
    {
        using var network = Make([3, 3, 3], 9, Config(NetworkNormalization.Batch));
        using var scope = NewDisposeScope();
        var first = rand(1, 3, 3, 3);
        var batchA = cat([first, rand(3, 3, 3, 3)], 0);
        var batchB = cat([first, rand(3, 3, 3, 3) * 3], 0);

        network.train();
        var meanBefore = network.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer.clone();
        var trainA = network.Represent(batchA)[0];
        var trainB = network.Represent(batchB)[0];
        Assert.False(trainA.allclose(trainB, 1e-4, 1e-4)); // batch statistics: the other examples matter
        var meanAfter = network.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer;
        Assert.False(meanBefore.allclose(meanAfter)); // and the running averages moved

        network.eval();
        var evalA = network.Represent(batchA)[0];
        Assert.True(evalA.allclose(network.Represent(batchB)[0], 0, 1e-6)); // running statistics: each example alone
        Assert.True(evalA.allclose(network.Represent(first)[0], 0, 1e-6));
        Assert.True(evalA.allclose(network.Represent(batchA)[0], 0, 0)); // repeatable
        Assert.False(evalA.allclose(trainA, 1e-4, 1e-4));
        Assert.True(meanAfter.allclose(network.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer, 0, 0)); // eval leaves them
    }

    [Fact]
    public void LayerNormIsTheSameInTrainAndEvalMode()
    {
        using var network = Make([3, 3, 3], 9, Config(NetworkNormalization.Layer));
        Assert.Empty(network.named_buffers());
        // Every norm starts as PyTorch's: scale 1, shift 0 (TorchSharp leaves GroupNorm's uninitialized).
        foreach (var (name, p) in network.named_parameters().Where(p => p.name.Contains("norm", StringComparison.OrdinalIgnoreCase)))
            Assert.True(p.allclose(name.EndsWith("weight") ? ones_like(p) : zeros_like(p), 0, 0), name);
        // 11 norms of a weight and a bias each: the stem's, 2 in each of the 3 blocks, g's input's and the 3 heads'.
        Assert.Equal(11 * 2, network.named_parameters().Count(p => p.name.Contains("norm", StringComparison.OrdinalIgnoreCase)));
        using var scope = NewDisposeScope();
        var batch = rand(4, 3, 3, 3);
        network.train();
        var train = network.Represent(batch);
        network.eval();
        Assert.True(train.allclose(network.Represent(batch), 0, 1e-6));
        Assert.True(train[0].allclose(network.Represent(batch[..1])[0], 0, 1e-5));
    }

    [Fact]
    public void CopyWeightsFromCopiesTheRunningStatistics()
    {
        using var learner = Make([10, 10, 10], 6, Config());
        using var actor = Make([10, 10, 10], 6, Config()); // same seed: same parameters, fresh statistics
        using var scope = NewDisposeScope();
        learner.train();
        for (int i = 0; i < 3; i++) learner.Represent(rand(8, 10, 10, 10) * 2);
        learner.eval();
        actor.eval();
        var obs = rand(2, 10, 10, 10);
        Assert.False(learner.Represent(obs).allclose(actor.Represent(obs), 1e-4, 1e-4)); // only the statistics differ

        actor.CopyWeightsFrom(learner);
        foreach (var ((name, a), (_, b)) in learner.named_buffers().Zip(actor.named_buffers()))
            Assert.True(a.allclose(b, 0, 0), name);
        Assert.True(learner.Represent(obs).allclose(actor.Represent(obs), 0, 0));
        var actions = tensor(new long[] { 5, 0 });
        Assert.True(learner.Dynamics(learner.Represent(obs), actions).RewardLogits.allclose(actor.Dynamics(actor.Represent(obs), actions).RewardLogits, 0, 0));
    }

    [Fact]
    public void NewNetworkPredictsZeroValueAndReward()
    {
        using var network = Make([3, 6, 7], 7, Config());
        network.eval();
        var model = new NetworkSearchModel(network, CPU);
        var values = new float[3];
        var rewards = new float[3];
        var priors = new float[21];
        using var obs = rand(3, 3, 6, 7);
        using var latent = model.Initial(obs, values, priors);
        using var actions = tensor(new long[] { 0, 3, 6 });
        using var next = model.Recurrent(latent, actions, rewards, values, priors);
        Assert.Equal(new long[] { 3, 8, 6, 7 }, next.shape);
        Assert.All(values, v => Assert.Equal(0f, v, 5));
        Assert.All(rewards, r => Assert.Equal(0f, r, 5));
        for (int b = 0; b < 3; b++) Assert.Equal(1f, priors.AsSpan(7 * b, 7).ToArray().Sum(), 5);
    }
}
