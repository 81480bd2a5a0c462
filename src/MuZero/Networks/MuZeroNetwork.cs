using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// The three learned functions of MuZero: representation h, dynamics g and prediction f.
/// Rewards and values come out as logits over their categorical supports.
/// </summary>
public abstract class MuZeroNetwork : nn.Module
{
    /// <summary>Creates the module.</summary>
    protected MuZeroNetwork(string name, int actionCount, NetworkConfig config) : base(name)
    {
        ActionCount = actionCount;
        Config = config;
        ValueSupport = new SupportTransform(config.ValueSupportSize);
        RewardSupport = new SupportTransform(config.RewardSupportSize);
    }

    /// <summary>Number of actions |A|.</summary>
    public int ActionCount { get; }

    /// <summary>The architecture this network was built from.</summary>
    public NetworkConfig Config { get; }

    /// <summary>Support of the value head.</summary>
    public SupportTransform ValueSupport { get; }

    /// <summary>Support of the reward head.</summary>
    public SupportTransform RewardSupport { get; }

    /// <summary>h: observations [B, *obs] -> latent states [B, *latent], min-max scaled.</summary>
    public abstract Tensor Represent(Tensor observations);

    /// <summary>g: latents [B, *latent], actions int64 [B] -> (next latents [B, *latent] scaled, reward logits [B, 2n+1]).</summary>
    public abstract (Tensor NextLatents, Tensor RewardLogits) Dynamics(Tensor latents, Tensor actions);

    /// <summary>f: latents [B, *latent] -> (policy logits [B, A], value logits [B, 2n+1]).</summary>
    public abstract (Tensor PolicyLogits, Tensor ValueLogits) Predict(Tensor latents);

    /// <summary>Copies all parameters and buffers from <paramref name="source"/> (same architecture).</summary>
    public void CopyWeightsFrom(MuZeroNetwork source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var target = named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in source.named_parameters())
            target[name].copy_(parameter);
        var targetBuffers = named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, buffer) in source.named_buffers())
            targetBuffers[name].copy_(buffer);
    }
}
