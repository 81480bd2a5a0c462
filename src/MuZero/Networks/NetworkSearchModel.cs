using MuZero.Devices;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Presents a <see cref="MuZeroNetwork"/> to the search: runs h/g and f without gradients and reads the reward, value
/// and policy logits out as the two support expectations (through h^-1) and the priors. Where the tensors live on the
/// host (CPU) the logits are copied as they are and read by <see cref="HostSoftmax"/>; on a device the softmaxes and
/// one product by <see cref="SearchReadout"/> run there, so that one packed [B, A + 2] block crosses to the host.
/// </summary>
public sealed class NetworkSearchModel(MuZeroNetwork network, Device device) : ISearchModel
{
    private float[] _packed = [];               // [B, 2 + A] of the device readout (one caller at a time there)
    // The host readout's buffers, one set per calling thread: a sharded search calls Recurrent from each shard's thread.
    private readonly ThreadLocal<HostReadout> _hostReadouts = new(() => new HostReadout(
        network.ActionCount, network.RewardSupport.Bins, network.ValueSupport.Bins));

    /// <summary>The wrapped network.</summary>
    public MuZeroNetwork Network { get; } = network;

    /// <inheritdoc />
    public int ActionCount => Network.ActionCount;

    /// <inheritdoc />
    public Device Device { get; } = device;

    /// <summary>
    /// True (the default on the CPU): the softmax readout runs on the host, on copies of the logits. With the CartPole
    /// MLP on 2 cores a whole call took 80 -> 66 us at batch 16 and 523 -> 493 us at 1024 (libtorch's three softmaxes,
    /// concatenation and product about 180 us of it, the host's vectorized pass about 150). False: on the device (the
    /// default there, where the host is the busier side and one small transfer is cheapest).
    /// </summary>
    public bool ReadsOnHost { get; init; } = device.type == DeviceType.CPU;

    /// <summary>
    /// True with <see cref="ReadsOnHost"/>: each calling thread reads on buffers of its own, and libtorch runs the
    /// network for several threads at once.
    /// </summary>
    public bool AllowsConcurrentCalls => ReadsOnHost;

    /// <inheritdoc />
    public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var latents = Network.Represent(observations);                // [B, *latent]
        var (policyLogits, valueLogits) = Network.Predict(latents);
        if (ReadsOnHost)
        {
            _hostReadouts.Value!.Read(rewardLogits: null, valueLogits, policyLogits, rewards: default, values, priors);
            return latents.MoveToOuterDisposeScope();
        }
        var readout = SearchReadout.For(latents.device, valueLogits.dtype, 0, Network.ValueSupport.Bins, ActionCount);
        var probabilities = cat([nn.functional.softmax(valueLogits, 1), nn.functional.softmax(policyLogits, 1)], 1); // [B, V + A]
        Unpack(probabilities.mm(readout), rewards: default, values, priors); // [B, 1 + A]
        return latents.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var (next, rewardLogits) = Network.Dynamics(latents, actions); // [B, *latent], [B, R]
        var (policyLogits, valueLogits) = Network.Predict(next);       // [B, A], [B, V]
        if (ReadsOnHost)
        {
            _hostReadouts.Value!.Read(rewardLogits, valueLogits, policyLogits, rewards, values, priors);
            return next.MoveToOuterDisposeScope();
        }
        var readout = SearchReadout.For(next.device, valueLogits.dtype, Network.RewardSupport.Bins, Network.ValueSupport.Bins, ActionCount);
        var probabilities = cat([nn.functional.softmax(rewardLogits, 1),
                                 nn.functional.softmax(valueLogits, 1),
                                 nn.functional.softmax(policyLogits, 1)], 1); // [B, R + V + A]
        Unpack(probabilities.mm(readout), rewards, values, priors);       // [B, 2 + A]
        return next.MoveToOuterDisposeScope();
    }

    private void Unpack(Tensor packed, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        int batch = (int)packed.shape[0], width = (int)packed.shape[1], a = ActionCount;
        if (_packed.Length != batch * width) _packed = new float[batch * width];
        HostCopy.CopyTo(packed, _packed);
        int offset = width - a - 1; // 1 when rewards are present, 0 otherwise
        for (int b = 0; b < batch; b++)
        {
            var row = _packed.AsSpan(b * width, width);
            if (offset == 1) rewards[b] = (float)SupportTransform.Unsquash(row[0]);
            values[b] = (float)SupportTransform.Unsquash(row[offset]);
            row.Slice(offset + 1, a).CopyTo(priors.Slice(b * a, a));
        }
    }
}
