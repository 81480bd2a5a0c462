using System.Text.Json.Serialization;
using MuZero.Training.Configuration;

namespace MuZero.Training.Evaluation;

/// <summary>
/// <c>muzero evaluate</c>'s report for a single-player checkpoint: what was evaluated and how (game options such as
/// MinAtar's sticky actions, simulations, seed, step cap), then the returns as the MinAtar paper reports them.
/// The return fields keep the names of the earlier single-player JSON.
/// </summary>
public sealed record SinglePlayerReport(
    [property: JsonPropertyName("checkpoint")] string Checkpoint,
    [property: JsonPropertyName("training_step")] long TrainingStep,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("environment_options")] EnvironmentConfig Options,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("max_episode_steps")] int? MaxEpisodeSteps,
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("mean_return")] double MeanReturn,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("median_return")] double MedianReturn,
    [property: JsonPropertyName("std_return")] double StdReturn,
    [property: JsonPropertyName("min_return")] double MinReturn,
    [property: JsonPropertyName("max_return")] double MaxReturn,
    [property: JsonPropertyName("truncated_episodes")] int TruncatedEpisodes,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>The report of <paramref name="result"/>.</summary>
    public static SinglePlayerReport Create(SinglePlayerResult result, string checkpoint, long trainingStep, EnvironmentConfig environment,
        int simulations, ulong seed, int? maxEpisodeSteps, double seconds)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        return new SinglePlayerReport(checkpoint, trainingStep, environment.Name, environment, simulations, seed, maxEpisodeSteps, result.Episodes,
            result.MeanReturn, result.StandardError, result.MedianReturn, result.StdReturn, result.MinReturn, result.MaxReturn, result.TruncatedEpisodes, seconds);
    }
}
