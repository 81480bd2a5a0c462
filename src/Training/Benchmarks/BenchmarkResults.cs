using System.Text.Json.Serialization;

namespace MuZero.Training.Benchmarks;

/// <summary>Search throughput at one batch size and simulation count (medians over repetitions).</summary>
public sealed record SearchBenchmarkResult(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("seconds_per_search")] double SecondsPerSearch,
    [property: JsonPropertyName("simulations_per_second")] double SimulationsPerSecond,
    [property: JsonPropertyName("positions_per_second")] double PositionsPerSecond,
    [property: JsonPropertyName("host_fraction")] double HostFraction);

/// <summary>Learner throughput at one batch size.</summary>
public sealed record LearnerBenchmarkResult(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("unroll_steps")] int UnrollSteps,
    [property: JsonPropertyName("updates_per_second")] double UpdatesPerSecond,
    [property: JsonPropertyName("samples_per_second")] double SamplesPerSecond);

/// <summary>End-to-end actor throughput (search + environment + recording).</summary>
public sealed record SelfPlayBenchmarkResult(
    [property: JsonPropertyName("parallel_games")] int ParallelGames,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("env_steps_per_second")] double EnvironmentStepsPerSecond,
    [property: JsonPropertyName("simulations_per_second")] double SimulationsPerSecond);

/// <summary>Everything one <c>muzero bench</c> run measured, with the machine it ran on.</summary>
public sealed record BenchmarkReport(
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("torch_threads")] int TorchThreads,
    [property: JsonPropertyName("search")] IReadOnlyList<SearchBenchmarkResult> Search,
    [property: JsonPropertyName("learner")] IReadOnlyList<LearnerBenchmarkResult> Learner,
    [property: JsonPropertyName("self_play")] SelfPlayBenchmarkResult? SelfPlay);
