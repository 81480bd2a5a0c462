using MuZero.Environments;
using MuZero.Networks;

namespace MuZero.Training.Runs;

/// <summary>Builds the network family named in the config for a game.</summary>
public static class NetworkFactory
{
    /// <summary>A freshly initialized network for <paramref name="spec"/>.</summary>
    public static MuZeroNetwork Create(NetworkConfig config, EnvironmentSpec spec) => config.Kind switch
    {
        "mlp" => new MlpNetwork(spec.ObservationSize, spec.ActionCount, config),
        _ => throw new ArgumentException($"network.kind '{config.Kind}' is not supported (expected 'mlp')"),
    };
}
