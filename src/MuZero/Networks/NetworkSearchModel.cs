using MuZero.Devices;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Presents a <see cref="MuZeroNetwork"/> to the search: runs h/g and f without gradients, takes the softmax
/// of the reward, value and policy logits and reduces them with one product by <see cref="SearchReadout"/>, so
/// that per call a handful of libtorch calls run and one packed [B, A + 2] block is copied to the host, where
/// the two support expectations go through h^-1.
/// </summary>
public sealed class NetworkSearchModel(MuZeroNetwork network, Device device) : ISearchModel
{
    private float[] _packed = [];

    /// <summary>The wrapped network.</summary>
    public MuZeroNetwork Network { get; } = network;

    /// <inheritdoc />
    public int ActionCount => Network.ActionCount;

    /// <inheritdoc />
    public Device Device { get; } = device;

    /// <inheritdoc />
    public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var latents = Network.Represent(observations);                // [B, *latent]
        var (policyLogits, valueLogits) = Network.Predict(latents);
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
