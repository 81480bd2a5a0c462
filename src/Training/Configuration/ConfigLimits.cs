using MuZero.Training.Replay;

namespace MuZero.Training.Configuration;

/// <summary>
/// Upper bounds of config values, checked once at load. Each is far above any published MuZero setting and low
/// enough that the arithmetic built on it (array lengths, tree sizes, support bins) cannot overflow; whether the
/// allocations a config implies fit this machine is checked separately against its memory
/// (<see cref="ConfigMemoryEstimate"/>).
/// </summary>
public static class ConfigLimits
{
    /// <summary>Most characters in <c>name</c> (it becomes a directory name).</summary>
    /// <summary>Most frames of history h may see (MuZero for Atari uses 32).</summary>
    public const int MaxHistoryFrames = 64;

    public const int MaxNameLength = 100;

    /// <summary><c>network.latent_size</c>: the paper's Atari latent is 256 planes of 6x6 = 9216 values as a conv net; an MLP latent beyond 4096 is no longer small.</summary>
    public const int MaxLatentSize = 4096;

    /// <summary><c>network.hidden_size</c>.</summary>
    public const int MaxHiddenSize = 8192;

    /// <summary><c>network.hidden_layers</c>.</summary>
    public const int MaxHiddenLayers = 64;

    /// <summary><c>network.blocks</c> and <c>network.prediction_blocks</c>: AlphaZero used 20-40 blocks, MuZero 16.</summary>
    public const int MaxBlocks = 100;

    /// <summary><c>network.channels</c> and <c>network.head_channels</c>: AlphaZero and MuZero use 256.</summary>
    public const int MaxChannels = 2048;

    /// <summary><c>network.value_support_size</c> and <c>network.reward_support_size</c>: the paper uses 300 (601 bins).</summary>
    public const int MaxSupportSize = 1000;

    /// <summary><c>search.simulations</c> and <c>evaluation.simulations</c>: the paper uses 50-800; a tree holds S + 1 nodes per game.</summary>
    public const int MaxSimulations = 100_000;

    /// <summary><c>self_play.parallel_games</c> (the search batch).</summary>
    public const int MaxParallelGames = 65_536;

    /// <summary><c>replay.capacity_steps</c>: the replay's sum tree cannot hold more.</summary>
    public const int MaxCapacitySteps = SumTree.MaxCapacity;

    /// <summary><c>replay.td_steps</c>: beyond any game length here, and position + n stays far from int overflow.</summary>
    public const int MaxTdSteps = 1_000_000;

    /// <summary><c>training.batch_size</c>: the paper uses 1024-2048.</summary>
    public const int MaxBatchSize = 65_536;

    /// <summary><c>training.unroll_steps</c> (K): the paper uses 5.</summary>
    public const int MaxUnrollSteps = 100;

    /// <summary><c>training.learning_rate</c>: no optimizer here converges above this; larger values overflow the weights.</summary>
    public const double MaxLearningRate = 10;

    /// <summary><c>training.max_wall_minutes</c>: about 19 years, well inside <see cref="TimeSpan"/>.</summary>
    public const double MaxWallMinutes = 10_000_000;

    /// <summary><c>training.updates_per_env_step</c> (the replay ratio).</summary>
    public const double MaxUpdatesPerEnvStep = 1000;

    /// <summary><c>evaluation.episodes</c>: all episodes are searched as one batch.</summary>
    public const int MaxEvaluationEpisodes = 100_000;
}
