using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero evaluate --checkpoint PATH --positions FILE...</c>: a Connect Four agent's greedy move (its noiseless search, as in
/// matches) in every position of test-set files, checked with the exact solver (<see cref="ConnectFourPositionEvaluation"/>);
/// per file the mistakes and the mistake rate with its 95% Wilson interval, beside the published rates of reference players.
/// </summary>
internal static class EvaluatePositionsCommand
{
    /// <summary>The only game test positions exist for.</summary>
    private const string Game = "connect4";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string? libTorch, EvaluateCommand.Options o, string[] files, int? limit)
    {
        // Everything that can be checked without the checkpoint is checked first (the files too), so a typo costs nothing.
        if (o.Games is not null) throw new ArgumentException("--games counts match games; --positions evaluates test positions instead: give one");
        if (o.Episodes is not null) throw new ArgumentException("--episodes counts episodes; --positions evaluates test positions instead: give one");
        if (o.Opponent is not null) throw new ArgumentException("--opponent names a match opponent; --positions evaluates test positions instead: give one");
        if (o.OpponentSimulations is not null) throw new ArgumentException("--opponent-simulations is for a match; --positions evaluates test positions instead");
        if (o.ParallelGames < 1) throw new ArgumentException($"--parallel-games must be >= 1, got {o.ParallelGames}");
        if (limit is < 1) throw new ArgumentException($"--limit must be >= 1, got {limit}");
        var sets = files.Select(Load).ToArray();
        using var jsonFile = o.JsonPath is null ? null : OutputFile.Open(o.JsonPath, "--json");

        using var loggers = Logging.CreateFactory(o.Json == EvaluateCommand.JsonOutput.Stdout ? LogLevel.Warning : LogLevel.Information);
        var logger = loggers.CreateLogger("muzero");
        TorchRuntime.Prepare(libTorch, logger);
        using var loaded = LoadedAgent.Load(o.Checkpoint, o.Device, o.Simulations, logger, o.SearchOverrides);
        if (loaded.Spec.Name != Game)
            throw new ArgumentException($"--positions: {loaded.Path} plays {loaded.Spec.Name}, but test positions are Connect Four ({Game}) positions");

        var solver = new ConnectFourSolver();
        var clock = Stopwatch.StartNew();
        var results = new List<PositionSetResult>();
        foreach (var set in sets)
        {
            int total = Math.Min(limit ?? int.MaxValue, set.Positions.Count);
            logger.LogInformation("{Set}: {Total} positions, {Batch} per search batch", set.Name, total, Math.Min(total, o.ParallelGames));
            using var progress = ProgressDisplay.ForConsole($"evaluate {set.Name}", "positions", total, logger);
            try
            {
                results.Add(ConnectFourPositionEvaluation.Run(loaded.Loaded, set, solver, o.ParallelGames, limit, done => progress.Report(done)));
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }
        var report = new PositionSetReport
        {
            Checkpoint = loaded.Path, TrainingStep = loaded.Loaded.TrainingStep, Environment = loaded.Spec.Name,
            Simulations = loaded.Loaded.Simulations, Sets = results, Seconds = clock.Elapsed.TotalSeconds,
        };
        Console.WriteLine(o.Json == EvaluateCommand.JsonOutput.Stdout ? JsonSerializer.Serialize(report) : Text(report));
        if (jsonFile is not null) EvaluateCommand.WriteJson(jsonFile, JsonSerializer.Serialize(report, Indented), o.JsonPath!, logger);
        return 0;
    }

    /// <summary>The human-readable report: one table row per file, the published rows beside.</summary>
    internal static string Text(PositionSetReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Environment} test positions: agent {r.Checkpoint} (update {r.TrainingStep}), {r.Simulations} simulations per move");
        text.AppendLine("a mistake: the move's outcome (win/draw/loss, exact solver) is worse than the best move's; published rates read off AlphaZero.jl's plot (approximate)");
        text.AppendLine();
        text.AppendLine("| set | positions | mistakes | mistake rate | 95% CI (Wilson) | depth-5 minimax | AlphaZero.jl |");
        text.AppendLine("|---|---:|---:|---:|---|---:|---:|");
        foreach (var s in r.Sets)
        {
            string minimax = s.PublishedMinimaxPercent is double m ? Percent(m / 100, 1) : "-";
            string alphaZero = s.PublishedAlphaZeroPercent is double a ? Percent(a / 100, 1) : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Set} | {s.Positions} | {s.Mistakes} | {Percent(s.MistakeRate, 2)} | {Percent(s.MistakeRateLow, 2)} .. {Percent(s.MistakeRateHigh, 2)} | {minimax} | {alphaZero} |");
        }
        return text.ToString().TrimEnd();
    }

    private static string Percent(double fraction, int decimals) =>
        (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static ConnectFourTestSet Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--positions {path}: no such file");
        try
        {
            return ConnectFourTestSet.Load(path);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }
}
