namespace MuZero.Networks;

/// <summary>Network architecture (sizes) shared by h, g and f.</summary>
public sealed record NetworkConfig
{
    /// <summary>Network family: <c>mlp</c> (vector observations; board planes are flattened).</summary>
    public string Kind { get; init; } = "mlp";

    /// <summary>Size D of the latent state.</summary>
    public int LatentSize { get; init; } = 64;

    /// <summary>Width of hidden layers.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Hidden layers in each of h, g and the trunk of f.</summary>
    public int HiddenLayers { get; init; } = 1;

    /// <summary>Value support n: values are predicted over the integers [-n, n] of h(value).</summary>
    public int ValueSupportSize { get; init; } = 10;

    /// <summary>Reward support n, as for values.</summary>
    public int RewardSupportSize { get; init; } = 10;
}
