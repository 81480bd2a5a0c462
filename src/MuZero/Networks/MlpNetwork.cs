using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// MLP family for vector observations (board planes are flattened): every hidden layer is
/// Linear -> LayerNorm -> ReLU. The last layers of the reward and value heads start at zero, so a new
/// network predicts 0 for both instead of noise that the targets must first unlearn.
/// </summary>
public sealed class MlpNetwork : MuZeroNetwork
{
    private readonly Sequential _representation;
    private readonly Sequential _dynamicsTrunk;
    private readonly Linear _dynamicsState;
    private readonly Linear _rewardHead;
    private readonly Sequential _predictionTrunk;
    private readonly Linear _policyHead;
    private readonly Linear _valueHead;

    /// <summary>Creates the network for observations of <paramref name="observationSize"/> floats.</summary>
    public MlpNetwork(int observationSize, int actionCount, NetworkConfig config) : base(nameof(MlpNetwork), actionCount, config)
    {
        if (observationSize < 1) throw new ArgumentOutOfRangeException(nameof(observationSize));
        ObservationSize = observationSize;
        int d = config.LatentSize, h = config.HiddenSize;

        _representation = Stack(observationSize, h, config.HiddenLayers);
        _representation.append(nn.Linear(h, d));
        _dynamicsTrunk = Stack(d + actionCount, h, config.HiddenLayers);
        _dynamicsState = nn.Linear(h, d);
        _rewardHead = nn.Linear(h, ValueBins(config.RewardSupportSize));
        _predictionTrunk = Stack(d, h, config.HiddenLayers);
        _policyHead = nn.Linear(h, actionCount);
        _valueHead = nn.Linear(h, ValueBins(config.ValueSupportSize));

        using (no_grad())
        {
            foreach (var head in new[] { _rewardHead, _valueHead })
            {
                head.weight!.zero_();
                head.bias!.zero_();
            }
        }
        RegisterComponents();
    }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <inheritdoc />
    public override Tensor Represent(Tensor observations)
    {
        using var scope = NewDisposeScope();
        var latent = _representation.forward(observations.flatten(1)); // [B, D]
        return HiddenStateScaling.MinMax(latent).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override (Tensor NextLatents, Tensor RewardLogits) Dynamics(Tensor latents, Tensor actions)
    {
        using var scope = NewDisposeScope();
        var actionPlanes = nn.functional.one_hot(actions, ActionCount).to(latents.dtype); // [B, A]
        var hidden = _dynamicsTrunk.forward(cat([latents, actionPlanes], 1));           // [B, H]
        var next = HiddenStateScaling.MinMax(_dynamicsState.forward(hidden));            // [B, D]
        var reward = _rewardHead.forward(hidden);                                        // [B, 2n+1]
        return (next.MoveToOuterDisposeScope(), reward.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override (Tensor PolicyLogits, Tensor ValueLogits) Predict(Tensor latents)
    {
        using var scope = NewDisposeScope();
        var hidden = _predictionTrunk.forward(latents); // [B, H]
        return (_policyHead.forward(hidden).MoveToOuterDisposeScope(), _valueHead.forward(hidden).MoveToOuterDisposeScope());
    }

    private static int ValueBins(int supportSize) => 2 * supportSize + 1;

    private static Sequential Stack(int input, int width, int layers)
    {
        var stack = nn.Sequential();
        for (int i = 0; i < layers; i++)
        {
            stack.append(nn.Linear(i == 0 ? input : width, width));
            stack.append(nn.LayerNorm(width));
            stack.append(nn.ReLU(inplace: true)); // on the LayerNorm's fresh output, which its backward does not read
        }
        if (layers == 0) throw new ArgumentOutOfRangeException(nameof(layers), "an MLP needs at least one hidden layer");
        return stack;
    }
}
