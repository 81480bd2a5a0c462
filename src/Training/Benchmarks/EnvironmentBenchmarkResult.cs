using System.Text.Json.Serialization;

namespace MuZero.Training.Benchmarks;

/// <summary>Environment stepping throughput of one game on one thread, with or without writing observations.</summary>
public sealed record EnvironmentBenchmarkResult(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("games")] int Games,
    [property: JsonPropertyName("observations")] bool Observations,
    [property: JsonPropertyName("steps")] long Steps,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>Environment steps (one action in one game) per second.</summary>
    [JsonPropertyName("steps_per_second")]
    public double StepsPerSecond => Steps / Seconds;
}
