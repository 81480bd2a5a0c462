using System.Globalization;
using System.Text;
using System.Text.Json;
using MuZero.Environments;
using MuZero.Training.Benchmarks;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero bench --environments NAMES</c>: steps per second of each named environment on one thread, B games in
/// lockstep, with and without writing observations; prints a table and optionally writes JSON. Needs no config or torch.
/// </summary>
internal static class EnvironmentBench
{
    /// <summary>The shorthand for the five MinAtar games.</summary>
    public const string MinAtar = "minatar";

    /// <summary>The environment names in <paramref name="list"/> (comma separated; <see cref="MinAtar"/> stands for the five MinAtar games).</summary>
    public static string[] Names(string list)
    {
        var names = new List<string>();
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == MinAtar) names.AddRange(EnvironmentRegistry.Names.Where(n => n.StartsWith("minatar-", StringComparison.Ordinal)));
            else if (EnvironmentRegistry.Contains(part)) names.Add(part);
            else throw new ArgumentException($"--environments: unknown environment '{part}'; known: {MinAtar}, {string.Join(", ", EnvironmentRegistry.Names)}");
        }
        if (names.Count == 0) throw new ArgumentException("--environments: expected at least one environment name");
        return [.. names.Distinct()];
    }

    public static int Run(string list, int games, double seconds, string? jsonPath)
    {
        if (games < 1) throw new ArgumentException($"--environment-games must be >= 1, got {games}");
        if (!(seconds > 0)) throw new ArgumentException($"--environment-seconds must be > 0, got {seconds.ToString(CultureInfo.InvariantCulture)}");
        string[] names = Names(list);
        using var jsonFile = jsonPath is null ? null : OutputFile.Open(jsonPath, "--json");
        var results = new List<EnvironmentBenchmarkResult>();
        foreach (string name in names)
        {
            foreach (bool observations in new[] { false, true })
            {
                var result = EnvironmentThroughputBenchmark.Measure(() => EnvironmentRegistry.Create(name), games, observations, seconds);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, {games} games, {(observations ? "with" : "without")} observations: {result.StepsPerSecond:N0} steps/s"));
                results.Add(result);
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"environment steps on one thread, {games} games in lockstep, random legal actions, default options");
        text.AppendLine();
        text.AppendLine("| environment | steps/s without observations | steps/s with observations |");
        text.AppendLine("|---|---:|---:|");
        foreach (string name in names)
        {
            double without = results.First(r => r.Environment == name && !r.Observations).StepsPerSecond;
            double with = results.First(r => r.Environment == name && r.Observations).StepsPerSecond;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {without:N0} | {with:N0} |");
        }
        Console.Write(text.ToString());
        if (jsonFile is not null)
        {
            jsonFile.SetLength(0);
            JsonSerializer.Serialize(jsonFile, results, new JsonSerializerOptions { WriteIndented = true });
        }
        return 0;
    }
}
