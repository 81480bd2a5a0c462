using System.Text.Json.Serialization;

namespace MuZero.Training.Benchmarks;

/// <summary>
/// Search throughput at one batch size and simulation count: the time per search over the timed repetitions (min,
/// median, max) after a warm-up that ran until the timings settled, and where a search's wall time goes (medians over
/// the repetitions, as fractions of the search's wall time).
/// </summary>
/// <param name="Batch">Games searched at once (B).</param>
/// <param name="Simulations">Simulations per search.</param>
/// <param name="SecondsPerSearch">Median time of one search.</param>
/// <param name="SimulationsPerSecond">B x simulations / median time.</param>
/// <param name="PositionsPerSecond">B / median time.</param>
/// <param name="HostFraction">Tree work on the host (descents, expansions, backups, root and results), <paramref name="IdleFraction"/> included.</param>
/// <param name="MinSecondsPerSearch">Fastest repetition.</param>
/// <param name="MaxSecondsPerSearch">Slowest repetition.</param>
/// <param name="IdleFraction">The part of the tree work the searching thread spent waiting for worker threads.</param>
/// <param name="NetworkFraction">The model's calls (networks and the read-back of their outputs).</param>
/// <param name="CopyFraction">Index uploads, gathers of parent latents and scatters of new ones.</param>
/// <param name="OtherFraction">The rest of the wall time (setup of the search, clock reads).</param>
/// <param name="TransferBytesPerSimulation">Bytes moved between host and device per simulation (0 on the CPU).</param>
/// <param name="Repetitions">Timed repetitions.</param>
/// <param name="WarmUpRuns">Searches made before the timed ones.</param>
/// <param name="WarmUpSeconds">Their total time.</param>
/// <param name="WarmUpSettled">Whether the warm-up ended because the timings settled (false: its time ran out).</param>
/// <param name="CpuSecondsPerSearch">
/// Median CPU time of the process (every thread) during one search: on a machine other jobs share, a steadier measure
/// of the work than the wall time, which also counts the time the scheduler gave to others.
/// </param>
public sealed record SearchBenchmarkResult(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("seconds_per_search")] double SecondsPerSearch,
    [property: JsonPropertyName("simulations_per_second")] double SimulationsPerSecond,
    [property: JsonPropertyName("positions_per_second")] double PositionsPerSecond,
    [property: JsonPropertyName("host_fraction")] double HostFraction,
    [property: JsonPropertyName("min_seconds_per_search")] double MinSecondsPerSearch,
    [property: JsonPropertyName("max_seconds_per_search")] double MaxSecondsPerSearch,
    [property: JsonPropertyName("idle_fraction")] double IdleFraction,
    [property: JsonPropertyName("network_fraction")] double NetworkFraction,
    [property: JsonPropertyName("copy_fraction")] double CopyFraction,
    [property: JsonPropertyName("other_fraction")] double OtherFraction,
    [property: JsonPropertyName("transfer_bytes_per_simulation")] long TransferBytesPerSimulation,
    [property: JsonPropertyName("repetitions")] int Repetitions,
    [property: JsonPropertyName("warmup_runs")] int WarmUpRuns,
    [property: JsonPropertyName("warmup_seconds")] double WarmUpSeconds,
    [property: JsonPropertyName("warmup_settled")] bool WarmUpSettled,
    [property: JsonPropertyName("cpu_seconds_per_search")] double CpuSecondsPerSearch);

/// <summary>Learner throughput at one batch size.</summary>
public sealed record LearnerBenchmarkResult(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("unroll_steps")] int UnrollSteps,
    [property: JsonPropertyName("updates_per_second")] double UpdatesPerSecond,
    [property: JsonPropertyName("samples_per_second")] double SamplesPerSecond);

/// <summary>End-to-end actor throughput (search + environment + recording), timed after a warm-up that ran until the move times settled.</summary>
public sealed record SelfPlayBenchmarkResult(
    [property: JsonPropertyName("parallel_games")] int ParallelGames,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("env_steps_per_second")] double EnvironmentStepsPerSecond,
    [property: JsonPropertyName("simulations_per_second")] double SimulationsPerSecond,
    [property: JsonPropertyName("warmup_moves")] int WarmUpMoves = 0,
    [property: JsonPropertyName("warmup_settled")] bool WarmUpSettled = false);

/// <summary>Everything one <c>muzero bench</c> run measured, with the machine it ran on.</summary>
public sealed record BenchmarkReport(
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("torch_threads")] int TorchThreads,
    [property: JsonPropertyName("jit")] string Jit,
    [property: JsonPropertyName("openmp_spin")] string OpenMpSpin,
    [property: JsonPropertyName("search")] IReadOnlyList<SearchBenchmarkResult> Search,
    [property: JsonPropertyName("learner")] IReadOnlyList<LearnerBenchmarkResult> Learner,
    [property: JsonPropertyName("self_play")] SelfPlayBenchmarkResult? SelfPlay);
