using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class NetworkSearchModelTests
{
    [Fact]
    public void ReadoutPlacesTheSupportsAndAnIdentity()
    {
        // R = 3 (support -1..1), V = 5 (-2..2), A = 2: [10, 4].
        float[] expected =
        [
            -1, 0, 0, 0,
             0, 0, 0, 0,
             1, 0, 0, 0,
             0, -2, 0, 0,
             0, -1, 0, 0,
             0, 0, 0, 0,
             0, 1, 0, 0,
             0, 2, 0, 0,
             0, 0, 1, 0,
             0, 0, 0, 1,
        ];
        Assert.Equal(expected, SearchReadout.Build(3, 5, 2));
        // Without a reward: [V + A, 1 + A].
        Assert.Equal(new float[] { -1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 }, SearchReadout.Build(0, 3, 2));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OutputsMatchTheHostConversionOfTheNetworksLogits(bool readsOnHost)
    {
        using var network = RandomNetwork(seed: 7);
        var model = new NetworkSearchModel(network, CPU) { ReadsOnHost = readsOnHost };
        const int batch = 5;
        var values = new float[batch];
        var rewards = new float[batch];
        var priors = new float[batch * 3];
        using var observations = randn(batch, 4);
        using var actions = tensor(new long[] { 0, 2, 1, 1, 0 });
        using var latents = model.Initial(observations, values, priors);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (policy0, value0) = network.Predict(latents);
        AssertRows(network.ValueSupport, value0, values);
        AssertPriors(policy0, priors);

        using var next = model.Recurrent(latents, actions, rewards, values, priors);
        var (_, rewardLogits) = network.Dynamics(latents, actions);
        var (policy1, value1) = network.Predict(next);
        AssertRows(network.RewardSupport, rewardLogits, rewards);
        AssertRows(network.ValueSupport, value1, values);
        AssertPriors(policy1, priors);
        Assert.Contains(values, v => Math.Abs(v) > 0.05); // the check is not about zeros
    }

    [Fact]
    public void ConcurrentCallsFromTwoThreadsGiveWhatCallsOneAfterTheOtherGive()
    {
        using var network = RandomNetwork(seed: 13);
        var model = new NetworkSearchModel(network, CPU);
        Assert.True(model.AllowsConcurrentCalls);
        int[] sizes = [40, 70]; // different batch sizes, so that buffers shared between the threads would be torn
        var latents = sizes.Select(n => randn(n, 8)).ToArray();
        var actions = sizes.Select(n => randint(3, [n], dtype: ScalarType.Int64)).ToArray();
        float[][] Expected(int shard)
        {
            var (r, v, p) = (new float[sizes[shard]], new float[sizes[shard]], new float[sizes[shard] * 3]);
            model.Recurrent(latents[shard], actions[shard], r, v, p).Dispose();
            return [r, v, p];
        }
        var expected = new[] { Expected(0), Expected(1) };
        var mismatches = new int[2];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(shard => new Thread(() =>
        {
            var (r, v, p) = (new float[sizes[shard]], new float[sizes[shard]], new float[sizes[shard] * 3]);
            start.SignalAndWait();
            for (int call = 0; call < 200; call++)
            {
                try
                {
                    model.Recurrent(latents[shard], actions[shard], r, v, p).Dispose();
                    if (!r.SequenceEqual(expected[shard][0]) || !v.SequenceEqual(expected[shard][1]) || !p.SequenceEqual(expected[shard][2]))
                        mismatches[shard]++;
                }
                catch (ArgumentException)
                {
                    mismatches[shard]++; // rows of the other thread's size in shared buffers
                }
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Equal([0, 0], mismatches);
        foreach (var tensor in latents.Concat(actions)) tensor.Dispose();
    }

    /// <summary>An MLP (4 observation floats, 3 actions, supports 3 and 6) with every parameter drawn at random.</summary>
    private static MlpNetwork RandomNetwork(int seed)
    {
        var config = new NetworkConfig { LatentSize = 8, HiddenSize = 16, HiddenLayers = 1, ValueSupportSize = 6, RewardSupportSize = 3 };
        manual_seed(seed);
        var network = new MlpNetwork(4, 3, config);
        using (no_grad())
        {
            // The new network's reward and value heads start at zero; give them weights so the supports matter.
            foreach (var (_, parameter) in network.named_parameters())
                parameter.copy_(randn(parameter.shape).mul_(0.7));
        }
        return network;
    }

    private static void AssertRows(SupportTransform support, Tensor logits, float[] scalars)
    {
        var host = logits.contiguous().data<float>().ToArray();
        for (int b = 0; b < scalars.Length; b++)
            Assert.Equal(support.ScalarOfLogits(host.AsSpan(b * support.Bins, support.Bins)), scalars[b], 4);
    }

    private static void AssertPriors(Tensor policyLogits, float[] priors)
    {
        var expected = nn.functional.softmax(policyLogits, 1).contiguous().data<float>().ToArray();
        for (int i = 0; i < priors.Length; i++) Assert.Equal(expected[i], priors[i], 6);
    }
}
