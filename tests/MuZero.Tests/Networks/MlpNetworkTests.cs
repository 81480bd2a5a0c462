using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class MlpNetworkTests
{
    private static readonly NetworkConfig Config = new() { LatentSize = 8, HiddenSize = 16, HiddenLayers = 1, ValueSupportSize = 3, RewardSupportSize = 2 };

    [Fact]
    public void ShapesFollowTheConfig()
    {
        using var network = new MlpNetwork(4, 2, Config);
        using var scope = NewDisposeScope();
        var latent = network.Represent(randn(5, 4));
        Assert.Equal(new long[] { 5, 8 }, latent.shape);
        var (next, reward) = network.Dynamics(latent, tensor(new long[] { 0, 1, 1, 0, 1 }));
        Assert.Equal(new long[] { 5, 8 }, next.shape);
        Assert.Equal(new long[] { 5, 5 }, reward.shape);
        var (policy, value) = network.Predict(next);
        Assert.Equal(new long[] { 5, 2 }, policy.shape);
        Assert.Equal(new long[] { 5, 7 }, value.shape);
        Assert.True(latent.min().item<float>() >= 0 && latent.max().item<float>() <= 1);
    }

    [Fact]
    public void NewNetworkPredictsZeroValueAndReward()
    {
        using var network = new MlpNetwork(4, 2, Config);
        var model = new NetworkSearchModel(network, CPU);
        var values = new float[3];
        var rewards = new float[3];
        var priors = new float[6];
        using var obs = randn(3, 4);
        using var latent = model.Initial(obs, values, priors);
        using var actions = tensor(new long[] { 0, 1, 0 });
        using var next = model.Recurrent(latent, actions, rewards, values, priors);
        Assert.All(values, v => Assert.Equal(0f, v, 5));
        Assert.All(rewards, r => Assert.Equal(0f, r, 5));
        for (int b = 0; b < 3; b++) Assert.Equal(1f, priors[2 * b] + priors[2 * b + 1], 5);
    }

    [Fact]
    public void CopyWeightsFromMakesIdenticalOutputs()
    {
        using var a = new MlpNetwork(4, 2, Config);
        using var b = new MlpNetwork(4, 2, Config);
        using var scope = NewDisposeScope();
        var obs = randn(2, 4);
        Assert.False(a.Represent(obs).allclose(b.Represent(obs)));
        b.CopyWeightsFrom(a);
        Assert.True(a.Represent(obs).allclose(b.Represent(obs)));
    }
}
