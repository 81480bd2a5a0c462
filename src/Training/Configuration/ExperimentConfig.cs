using MuZero.Networks;
using MuZero.Search;

namespace MuZero.Training.Configuration;

/// <summary>Everything that defines a training run; loaded from JSON (snake_case) and validated once by <see cref="ConfigLoader"/>.</summary>
public sealed record ExperimentConfig
{
    /// <summary>Human-readable name of the experiment.</summary>
    public string Name { get; init; } = "experiment";

    /// <summary>Seed of every random stream in the run.</summary>
    public ulong Seed { get; init; }

    /// <summary>The game.</summary>
    public EnvironmentConfig Environment { get; init; } = new();

    /// <summary>The networks h, g, f.</summary>
    public NetworkConfig Network { get; init; } = new();

    /// <summary>The tree search.</summary>
    public SearchConfig Search { get; init; } = new();

    /// <summary>The actor.</summary>
    public SelfPlayConfig SelfPlay { get; init; } = new();

    /// <summary>The replay buffer and value targets.</summary>
    public ReplayConfig Replay { get; init; } = new();

    /// <summary>The learner and the run's budget.</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary>Fresh targets for sampled batches from a new search with a target network (off by default).</summary>
    public ReanalyzeConfig Reanalyze { get; init; } = new();

    /// <summary>Evaluation during and after training.</summary>
    public EvaluationConfig Evaluation { get; init; } = new();
}
