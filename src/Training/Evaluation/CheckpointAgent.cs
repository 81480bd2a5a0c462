using MuZero.Environments;
using MuZero.Networks;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Observations;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A checkpoint turned into a greedy player: its config, its game, its network on a device and a noiseless
/// <see cref="SearchAgent"/> over it. Evaluation, play and checkpoint-against-checkpoint matches all load agents this way.
/// </summary>
public sealed class CheckpointAgent : IPlayer, IDisposable
{
    private readonly MuZeroNetwork _network;

    private CheckpointAgent(string path, ExperimentConfig config, EnvironmentSpec spec, long trainingStep, int simulations, MuZeroNetwork network, SearchAgent agent)
    {
        Path = path;
        Config = config;
        Spec = spec;
        TrainingStep = trainingStep;
        Simulations = simulations;
        _network = network;
        Agent = agent;
    }

    /// <summary>The checkpoint file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>The checkpoint's resolved config.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The game it plays.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The learner update at which the checkpoint was written.</summary>
    public long TrainingStep { get; }

    /// <summary>Simulations per move of its search.</summary>
    public int Simulations { get; }

    /// <summary>The checkpoint's network, on the device it was loaded to, in evaluation mode.</summary>
    public MuZeroNetwork Network => _network;

    /// <summary>The greedy search over the checkpoint's network.</summary>
    public SearchAgent Agent { get; }

    /// <summary>A new environment of the checkpoint's game.</summary>
    public IEnvironment NewEnvironment() => Config.Environment.Create();

    /// <summary>
    /// Loads <paramref name="checkpointOrRun"/> (a checkpoint file, or a run directory meaning its latest checkpoint) onto
    /// <paramref name="device"/>, searching <paramref name="simulations"/> simulations per move; null takes the checkpoint
    /// config's <c>evaluation.simulations</c>, else its <c>search.simulations</c>.
    /// </summary>
    /// <param name="checkpointOrRun">A checkpoint file or a run directory.</param>
    /// <param name="device">Where the network runs.</param>
    /// <param name="simulations">Simulations per move; null: the checkpoint config's.</param>
    /// <param name="searchOverrides">
    /// Changes to the checkpoint config's <c>search</c> section for this agent (fields <c>search.*</c> only, e.g. another
    /// <c>search.policy</c> on the same weights), validated like a config file; null or empty: the search it was trained with.
    /// </param>
    /// <exception cref="CheckpointException">Missing, corrupt, or weights that do not fit the config's network.</exception>
    /// <exception cref="ArgumentException"><paramref name="simulations"/> is outside 1..<see cref="ConfigLimits.MaxSimulations"/>, or an override is not a search field.</exception>
    /// <exception cref="ConfigException">An override gives a search field an invalid value.</exception>
    public static CheckpointAgent Load(string checkpointOrRun, Device device, int? simulations, IReadOnlyList<ConfigOverride>? searchOverrides = null)
    {
        if (simulations is < 1 or > ConfigLimits.MaxSimulations)
            throw new ArgumentException($"simulations per move must be in 1..{ConfigLimits.MaxSimulations}, got {simulations}");
        foreach (var change in searchOverrides ?? [])
            if (!change.Field.StartsWith("search.", StringComparison.Ordinal))
                throw new ArgumentException($"'{change}' is not a search setting: only search.* fields of a trained agent can change");
        string path = Checkpoint.Resolve(checkpointOrRun);
        var checkpoint = Checkpoint.Load(path);
        var config = searchOverrides is { Count: > 0 }
            ? ConfigLoader.Parse(ConfigLoader.ToJson(checkpoint.Config), path, searchOverrides)
            : checkpoint.Config;
        var spec = config.Environment.Spec();
        int sims = simulations ?? config.Evaluation.Simulations ?? config.Search.Simulations;
        var layout = new ObservationLayout(spec, config.Observation);
        var network = NetworkRegistry.Create(config.Network, layout.InputShape, spec.ActionCount);
        try
        {
            checkpoint.LoadWeights(network);
            network.to(device);
            network.eval();
            var agent = new SearchAgent(new NetworkSearchModel(network, device), config.Search with { Simulations = sims }, spec, layout);
            return new CheckpointAgent(path, config, spec, checkpoint.Counters.TrainingStep, sims, network, agent);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions) => Agent.SelectActions(environments, actions);

    /// <inheritdoc />
    public void Dispose()
    {
        Agent.Dispose();
        _network.Dispose();
    }
}
