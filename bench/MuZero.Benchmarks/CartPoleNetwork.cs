using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Benchmarks;

/// <summary>The network the profiles time: the CartPole MLP of <c>configs/cartpole.json</c> (latent 32, hidden 64, supports 2 and 20), seeded, in eval mode.</summary>
internal static class CartPoleNetwork
{
    /// <summary>Actions of CartPole.</summary>
    public const int Actions = 2;

    /// <summary>Its architecture.</summary>
    public static NetworkConfig Config { get; } =
        new() { Kind = "mlp", LatentSize = 32, HiddenSize = 64, HiddenLayers = 1, ValueSupportSize = 20, RewardSupportSize = 2 };

    /// <summary>A new network with seed 1's weights, for observations of 4 floats.</summary>
    public static MuZeroNetwork Create()
    {
        random.manual_seed(1);
        var network = NetworkRegistry.Create(Config, [4], Actions);
        network.eval();
        return network;
    }
}
