using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero evaluate --config FILE --policy random</c>: the return of a uniformly random policy over N episodes of the
/// config's single-player game with the config's environment options (MinAtar: sticky actions as configured), reported
/// as mean with standard error, median, spread, and mean episode length.
/// </summary>
internal static class RandomPolicyEvaluation
{
    /// <summary>The one policy besides the checkpoint's agent.</summary>
    public const string Random = "random";

    /// <summary>The JSON report.</summary>
    public sealed record Report(
        [property: JsonPropertyName("environment")] string Environment,
        [property: JsonPropertyName("environment_options")] EnvironmentConfig Options,
        [property: JsonPropertyName("policy")] string Policy,
        [property: JsonPropertyName("seed")] ulong Seed,
        [property: JsonPropertyName("returns")] ReturnStatistics Returns,
        [property: JsonPropertyName("mean_episode_steps")] double MeanEpisodeSteps,
        [property: JsonPropertyName("seconds")] double Seconds);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };

    /// <param name="configPath">The config whose environment section is played.</param>
    /// <param name="episodes">Episodes (default: the config's evaluation.episodes).</param>
    /// <param name="seed">Seed of the episodes and of the policy.</param>
    /// <param name="jsonToStdout">Print the JSON object instead of the text.</param>
    /// <param name="jsonPath">Also write the JSON object to this file.</param>
    public static int Run(string configPath, int? episodes, ulong seed, bool jsonToStdout, string? jsonPath)
    {
        var config = ConfigLoader.Load(configPath, []);
        var environment = config.Environment.Create();
        var spec = environment.Spec;
        if (spec.IsTwoPlayer) throw new ArgumentException($"--policy {Random}: {spec.Name} is a two-player game; use --opponent random with a checkpoint");
        int count = episodes ?? config.Evaluation.Episodes;
        using var jsonFile = jsonPath is null ? null : OutputFile.Open(jsonPath, "--json");
        using var loggers = Logging.CreateFactory(jsonToStdout ? LogLevel.Warning : LogLevel.Information);
        var logger = loggers.CreateLogger("muzero");
        logger.LogInformation("{Episodes} episodes of {Environment} with a uniformly random policy, seed {Seed}", count, spec.Name, seed);

        var clock = Stopwatch.StartNew();
        RandomPolicyEvaluator.Result result;
        using (var progress = ProgressDisplay.ForConsole("evaluate", "episodes", count, logger))
        {
            result = RandomPolicyEvaluator.Run(environment, count, seed, done => progress.Report(done));
        }
        var report = new Report(spec.Name, config.Environment, Random, seed, result.Returns, result.MeanSteps, clock.Elapsed.TotalSeconds);
        Console.WriteLine(jsonToStdout ? JsonSerializer.Serialize(report, Json) : Text(report));
        if (jsonFile is not null)
        {
            jsonFile.SetLength(0);
            using (var writer = new StreamWriter(jsonFile, leaveOpen: true)) writer.WriteLine(JsonSerializer.Serialize(report, IndentedJson));
            logger.LogInformation("wrote {Path}", jsonPath);
        }
        return 0;
    }

    private static string Text(Report r)
    {
        var s = r.Returns;
        string options = string.Join(", ", OptionsOf(r.Options));
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Environment}{(options.Length > 0 ? $" ({options})" : "")}: {s.Episodes} episodes, uniformly random policy, seed {r.Seed}\n" +
            $"return: mean {s.Mean:F3} ± {s.StandardError:F3} (standard error), median {s.Median:G}, std {s.StandardDeviation:F3}, min {s.Min:G}, max {s.Max:G}; " +
            $"mean episode length {r.MeanEpisodeSteps:F1} steps");
    }

    private static IEnumerable<string> OptionsOf(EnvironmentConfig e)
    {
        if (e.StickyActionProbability is double p) yield return string.Create(CultureInfo.InvariantCulture, $"sticky_action_probability {p:G}");
        if (e.MinimalActionSet is bool minimal) yield return minimal ? "minimal action set" : "full action set";
        if (e.Ramping is bool ramping) yield return ramping ? "ramping" : "no ramping";
        if (e.BoardSize is int size) yield return $"board_size {size}";
        if (e.WinLength is int length) yield return $"win_length {length}";
    }
}
