using System.Text.Json.Serialization;

namespace MuZero.Networks;

/// <summary>
/// Network architecture (sizes) shared by h, g and f. Each family reads its own fields: <c>latent_size</c>,
/// <c>hidden_size</c> and <c>hidden_layers</c> are the MLP's; the nullable fields are the residual network's
/// (<c>resnet</c>), absent (null) for other kinds and filled with their defaults by <see cref="Resolved"/>.
/// </summary>
public sealed record NetworkConfig
{
    /// <summary>Default of <see cref="Blocks"/>.</summary>
    public const int DefaultBlocks = 2;

    /// <summary>Default of <see cref="Channels"/>.</summary>
    public const int DefaultChannels = 32;

    /// <summary>Default of <see cref="PredictionBlocks"/>.</summary>
    public const int DefaultPredictionBlocks = 1;

    /// <summary>Default of <see cref="HeadChannels"/>.</summary>
    public const int DefaultHeadChannels = 4;

    /// <summary>Default of <see cref="HeadHiddenSizes"/>: one hidden layer of this width.</summary>
    public const int DefaultHeadHiddenSize = 64;

    /// <summary>
    /// Network family, a name of <see cref="NetworkRegistry"/>: <c>mlp</c> (vector observations; board planes are
    /// flattened) or <c>resnet</c> (C x H x W observations).
    /// </summary>
    public string Kind { get; init; } = "mlp";

    /// <summary>mlp: size D of the latent state.</summary>
    public int LatentSize { get; init; } = 64;

    /// <summary>mlp: width of hidden layers.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>mlp: hidden layers in each of h, g and the trunk of f.</summary>
    public int HiddenLayers { get; init; } = 1;

    /// <summary>Value support n: values are predicted over the integers [-n, n] of h(value).</summary>
    public int ValueSupportSize { get; init; } = 10;

    /// <summary>Reward support n, as for values.</summary>
    public int RewardSupportSize { get; init; } = 10;

    /// <summary>resnet: residual blocks in h and, as many again, in g (default <see cref="DefaultBlocks"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Blocks { get; init; }

    /// <summary>resnet: channels C of the latent [C, H, W] and of every block (default <see cref="DefaultChannels"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Channels { get; init; }

    /// <summary>resnet: residual blocks of f before its heads; 0 puts the heads straight on the latent, as the paper's f does (default <see cref="DefaultPredictionBlocks"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PredictionBlocks { get; init; }

    /// <summary>resnet: channels of the 1x1 convolution that starts each head (policy, value, reward) (default <see cref="DefaultHeadChannels"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HeadChannels { get; init; }

    /// <summary>resnet: widths of the hidden layers of each head's MLP, possibly none (default one of <see cref="DefaultHeadHiddenSize"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? HeadHiddenSizes { get; init; }

    /// <summary>resnet: normalization after every convolution (default <see cref="NetworkNormalization.Batch"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NetworkNormalization? Normalization { get; init; }

    /// <summary>resnet: how g sees the action (default <see cref="ActionPlanes.DefaultFor"/>: the cell plane for board games, one-hot planes otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ActionEncoding? ActionEncoding { get; init; }

    /// <summary>
    /// This config with every field its kind reads filled in for a game of <paramref name="observationShape"/> and
    /// <paramref name="actionCount"/> actions: for <c>resnet</c>, each null residual field at its default; other kinds
    /// are returned as they are.
    /// </summary>
    public NetworkConfig Resolved(IReadOnlyList<int> observationShape, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(observationShape);
        if (!string.Equals(Kind, ResidualNetwork.KindName, StringComparison.Ordinal)) return this;
        if (observationShape.Count != 3) throw new ArgumentException($"network.kind {ResidualNetwork.KindName} needs C x H x W observations, got [{string.Join(", ", observationShape)}]");
        return this with
        {
            Blocks = Blocks ?? DefaultBlocks,
            Channels = Channels ?? DefaultChannels,
            PredictionBlocks = PredictionBlocks ?? DefaultPredictionBlocks,
            HeadChannels = HeadChannels ?? DefaultHeadChannels,
            HeadHiddenSizes = HeadHiddenSizes ?? [DefaultHeadHiddenSize],
            Normalization = Normalization ?? NetworkNormalization.Batch,
            ActionEncoding = ActionEncoding ?? ActionPlanes.DefaultFor(actionCount, observationShape[1], observationShape[2]),
        };
    }
}
