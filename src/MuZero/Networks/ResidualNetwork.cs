using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Residual convolutional family for C x H x W observations (AlphaZero's tower as used by MuZero for board games,
/// scaled down). The latent keeps the board's size, [B, Ch, H, W] with Ch = <c>channels</c>; every convolution is
/// 3x3 with zero padding (1x1 in the heads) and is followed by the configured normalization.
/// <list type="bullet">
/// <item>h: conv stem (C -> Ch) -> norm -> ReLU -> <c>blocks</c> residual blocks -> min-max scaled per example.</item>
/// <item>g: [latent, action planes] (Ch + P channels) -> conv -> norm, plus the latent (a skip: the next state starts
/// as a change of the current one) -> ReLU -> <c>blocks</c> residual blocks = s; next latent = s min-max scaled;
/// reward = a head on s.</item>
/// <item>f: <c>prediction_blocks</c> residual blocks of its own (0: none, the heads read the latent) -> policy head
/// (A logits) and value head (2n+1 logits).</item>
/// </list>
/// Heads are <see cref="ConvHead"/>s (1x1 conv to <c>head_channels</c>, MLP of <c>head_hidden_sizes</c>); the last
/// layers of the reward and value heads start at zero, as in <see cref="MlpNetwork"/>.
/// </summary>
public sealed class ResidualNetwork : MuZeroNetwork
{
    /// <summary>The family's name in <see cref="NetworkRegistry"/> and <c>network.kind</c>.</summary>
    public const string KindName = "resnet";

    private static readonly Scalar One = 1.0.ToScalar(); // alpha of the dynamics skip, alive for the process

    private readonly Conv2d _stemConv;
    private readonly nn.Module<Tensor, Tensor> _stemNorm;
    private readonly ModuleList<ResidualBlock> _representationBlocks;
    private readonly Conv2d _dynamicsConv;
    private readonly nn.Module<Tensor, Tensor> _dynamicsNorm;
    private readonly ModuleList<ResidualBlock> _dynamicsBlocks;
    private readonly ConvHead _rewardHead;
    private readonly ModuleList<ResidualBlock> _predictionBlocks;
    private readonly ConvHead _policyHead;
    private readonly ConvHead _valueHead;
    private readonly ActionPlanes _actionPlanes;

    /// <summary>Creates the network for observations of <paramref name="observationShape"/> = [C, H, W].</summary>
    /// <exception cref="ArgumentException">The shape is not C x H x W, or the action encoding does not fit the board.</exception>
    public ResidualNetwork(IReadOnlyList<int> observationShape, int actionCount, NetworkConfig config)
        : base(nameof(ResidualNetwork), actionCount, config.Resolved(observationShape, actionCount))
    {
        if (observationShape.Count != 3 || observationShape.Any(d => d < 1))
            throw new ArgumentException($"{KindName} needs observations of shape [C, H, W], got [{string.Join(", ", observationShape)}]", nameof(observationShape));
        var c = Config; // resolved: every residual field set
        ObservationShape = [observationShape[0], observationShape[1], observationShape[2]];
        int height = observationShape[1], width = observationShape[2], channels = c.Channels!.Value;
        var normalization = c.Normalization!.Value;
        var headHidden = c.HeadHiddenSizes!;
        long cells = (long)height * width;
        _actionPlanes = new ActionPlanes(c.ActionEncoding!.Value, actionCount, height, width);

        _stemConv = nn.Conv2d(observationShape[0], channels, 3, padding: 1, bias: false);
        _stemNorm = ConvNormalization.Create(normalization, channels);
        _representationBlocks = Tower(c.Blocks!.Value, channels, normalization);

        _dynamicsConv = nn.Conv2d(channels + _actionPlanes.Count, channels, 3, padding: 1, bias: false);
        _dynamicsNorm = ConvNormalization.Create(normalization, channels);
        _dynamicsBlocks = Tower(c.Blocks!.Value, channels, normalization);
        _rewardHead = new ConvHead("reward", channels, c.HeadChannels!.Value, cells, headHidden, RewardSupport.Bins, normalization, zeroOutput: true);

        _predictionBlocks = Tower(c.PredictionBlocks!.Value, channels, normalization);
        _policyHead = new ConvHead("policy", channels, c.HeadChannels!.Value, cells, headHidden, actionCount, normalization, zeroOutput: false);
        _valueHead = new ConvHead("value", channels, c.HeadChannels!.Value, cells, headHidden, ValueSupport.Bins, normalization, zeroOutput: true);
        RegisterComponents();
    }

    /// <summary>[C, H, W] of one observation; the latent is [channels, H, W].</summary>
    public int[] ObservationShape { get; }

    /// <summary>How g sees the action.</summary>
    public ActionEncoding ActionEncoding => _actionPlanes.Encoding;

    /// <inheritdoc />
    /// <remarks>Observations [B, C, H, W] (or [B, C * H * W], the same floats) -> latents [B, channels, H, W].</remarks>
    public override Tensor Represent(Tensor observations)
    {
        using var scope = NewDisposeScope();
        var x = observations.reshape(observations.shape[0], ObservationShape[0], ObservationShape[1], ObservationShape[2]); // [B, C, H, W]
        x = _stemNorm.forward(_stemConv.forward(x)).relu_(); // [B, Ch, H, W]
        foreach (var block in _representationBlocks) x = block.forward(x);
        return HiddenStateScaling.MinMax(x).MoveToOuterDisposeScope(); // [B, Ch, H, W]
    }

    /// <inheritdoc />
    /// <remarks>Latents [B, Ch, H, W], actions int64 [B] -> (next latents [B, Ch, H, W], reward logits [B, 2n+1]).</remarks>
    public override (Tensor NextLatents, Tensor RewardLogits) Dynamics(Tensor latents, Tensor actions)
    {
        using var scope = NewDisposeScope();
        var planes = _actionPlanes.Encode(actions, latents.dtype);                               // [B, P, H, W]
        var x = _dynamicsNorm.forward(_dynamicsConv.forward(cat([latents, planes], 1)))         // [B, Ch, H, W]
            .add_(latents, One).relu_();
        foreach (var block in _dynamicsBlocks) x = block.forward(x);
        var reward = _rewardHead.forward(x);                                                     // [B, 2n+1]
        var next = HiddenStateScaling.MinMax(x);                                                 // [B, Ch, H, W]
        return (next.MoveToOuterDisposeScope(), reward.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    /// <remarks>Latents [B, Ch, H, W] -> (policy logits [B, A], value logits [B, 2n+1]).</remarks>
    public override (Tensor PolicyLogits, Tensor ValueLogits) Predict(Tensor latents)
    {
        using var scope = NewDisposeScope();
        var x = latents; // [B, Ch, H, W]
        foreach (var block in _predictionBlocks) x = block.forward(x);
        return (_policyHead.forward(x).MoveToOuterDisposeScope(), _valueHead.forward(x).MoveToOuterDisposeScope());
    }

    private static ModuleList<ResidualBlock> Tower(int blocks, int channels, NetworkNormalization normalization)
    {
        var tower = new ModuleList<ResidualBlock>();
        for (int i = 0; i < blocks; i++) tower.Add(new ResidualBlock(channels, normalization));
        return tower;
    }
}
