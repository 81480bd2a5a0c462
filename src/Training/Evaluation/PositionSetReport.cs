using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// <c>muzero evaluate --positions</c> as JSON: which agent moved (checkpoint, update, simulations per move) and, per test-set
/// file, its mistakes with the mistake rate's 95% Wilson interval beside the published rates (<see cref="PositionSetResult"/>).
/// </summary>
public sealed record PositionSetReport
{
    /// <summary>How the intervals are computed.</summary>
    public const string Method = "wilson";

    /// <summary>The agent's checkpoint file.</summary>
    [JsonPropertyName("checkpoint")] public required string Checkpoint { get; init; }

    /// <summary>The learner update at which the checkpoint was written.</summary>
    [JsonPropertyName("training_step")] public required long TrainingStep { get; init; }

    /// <summary>The game (always <c>connect4</c>).</summary>
    [JsonPropertyName("environment")] public required string Environment { get; init; }

    /// <summary>The agent's simulations per move.</summary>
    [JsonPropertyName("simulations")] public required int Simulations { get; init; }

    /// <summary>The intervals' confidence level.</summary>
    [JsonPropertyName("confidence")] public double Confidence => ScoreInterval.Confidence95;

    /// <summary>How the intervals are computed.</summary>
    [JsonPropertyName("interval_method")] public string IntervalMethod => Method;

    /// <summary>One result per file, in the order given.</summary>
    [JsonPropertyName("sets")] public required IReadOnlyList<PositionSetResult> Sets { get; init; }

    /// <summary>Wall-clock seconds for all files.</summary>
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }
}
