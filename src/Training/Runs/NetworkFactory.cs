using MuZero.Environments;
using MuZero.Networks;

namespace MuZero.Training.Runs;

/// <summary>
/// Builds the network family named in the config for a game, through <see cref="NetworkRegistry"/> (which holds
/// the only list of families). Kept so that <c>TrainingRun</c> builds unchanged; new code calls the registry.
/// </summary>
public static class NetworkFactory
{
    /// <summary>A freshly initialized network for <paramref name="spec"/>.</summary>
    public static MuZeroNetwork Create(NetworkConfig config, EnvironmentSpec spec) =>
        NetworkRegistry.Create(config, spec.ObservationShape, spec.ActionCount);
}
