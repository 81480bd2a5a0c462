using MuZero.Devices;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Presents a <see cref="MuZeroNetwork"/> to the search: runs h/g and f without gradients and turns
/// the supports into scalars and the policy logits into priors on the device, so that per call only
/// one packed [B, A + 2] block is copied to the host.
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
        var packed = cat([Network.ValueSupport.ToScalar(valueLogits).unsqueeze(1),
                          nn.functional.softmax(policyLogits, 1)], 1); // [B, 1 + A]
        Unpack(packed, rewards: default, values, priors);
        return latents.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var (next, rewardLogits) = Network.Dynamics(latents, actions); // [B, *latent], [B, 2n+1]
        var (policyLogits, valueLogits) = Network.Predict(next);
        var packed = cat([Network.RewardSupport.ToScalar(rewardLogits).unsqueeze(1),
                          Network.ValueSupport.ToScalar(valueLogits).unsqueeze(1),
                          nn.functional.softmax(policyLogits, 1)], 1); // [B, 2 + A]
        Unpack(packed, rewards, values, priors);
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
            if (offset == 1) rewards[b] = row[0];
            values[b] = row[offset];
            row.Slice(offset + 1, a).CopyTo(priors.Slice(b * a, a));
        }
    }
}
