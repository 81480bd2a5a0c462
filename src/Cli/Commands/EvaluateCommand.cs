using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero evaluate</c>: greedy evaluation of a checkpoint: mean return over episodes (single-player), or a match
/// against an opponent with alternating first player, reported with the score's confidence interval and the Elo
/// difference it implies (two-player).
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Games in play at once by default: enough for batched searches, few enough that the progress moves steadily.</summary>
    private const int DefaultParallelGames = 256;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // The single-player report nests the game's options, whose properties are named by the config's snake_case policy.
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions SnakeCaseIndented = new(SnakeCase) { WriteIndented = true };

    public static Command Create(Option<string?> libTorch)
    {
        var checkpoint = CommonOptions.Checkpoint();
        checkpoint.Required = false; // not with --policy random
        var config = new Option<string?>("--config") { Description = $"with --policy {RandomPolicyEvaluation.Random}: the config whose game (and environment options) is played" };
        var policy = new Option<string?>("--policy") { Description = $"'{RandomPolicyEvaluation.Random}': a uniformly random policy in the --config game instead of a checkpoint (single-player: mean, standard error, median of the return)" };
        var games = new Option<int?>("--games") { Description = "games of a two-player match, the agent first in every other one (default: the config's evaluation.episodes)" };
        var episodes = new Option<int?>("--episodes") { Description = "episodes of a single-player game (default: the config's evaluation.episodes); for two-player games the same as --games" };
        var opponent = new Option<string?>("--opponent") { Description = $"two-player opponent: {OpponentSpec.Known} (default: the config's evaluation.opponent)" };
        var opponentSimulations = new Option<int?>("--opponent-simulations") { Description = "simulations per move of a checkpoint opponent (default: its config's evaluation setting)" };
        var simulations = CommonOptions.Simulations();
        var device = CommonOptions.Device();
        var json = new Option<string?>("--json")
        {
            Description = "alone: print one JSON object instead of text; with FILE: print text and also write the JSON object to FILE",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "FILE",
        };
        var seed = new Option<ulong>("--seed") { Description = "seed of the games and of the opponent", DefaultValueFactory = _ => 12345 };
        var parallel = new Option<int>("--parallel-games") { Description = "two-player games in play at once, or test positions (--positions), searched in one batch", DefaultValueFactory = _ => DefaultParallelGames };
        var positions = new Option<string[]>("--positions")
        {
            Description = "Connect Four test-set files ('<moves> <score>' lines, e.g. tests/data/connect4/Test_L3_R1): the agent's mistake rate on each, checked with the exact solver",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var search = new Option<string[]>("--search")
        {
            HelpName = "FIELD=VALUE",
            Description = "change one search setting of the agent, e.g. --search policy=muzero or --search gumbel.gumbel_scale=0 (repeatable; a field of the config's search section, checked like the file)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var limit = new Option<int?>("--limit") { Description = "with --positions: only the first N positions of each file" };
        var command = new Command("evaluate", "Evaluate a checkpoint (mean return, a match with confidence intervals, or mistakes on Connect Four test positions) or a random policy")
        {
            checkpoint, games, episodes, opponent, opponentSimulations, simulations, device, json, seed, parallel, positions, limit, config, policy, search,
        };
        command.SetAction(parse => CliError.Guard(() =>
        {
            // --json without a file prints JSON instead of text (as before); --json FILE writes it beside the text.
            var jsonResult = parse.GetResult(json);
            var output = jsonResult is null ? JsonOutput.None : jsonResult.Tokens.Count == 0 ? JsonOutput.Stdout : JsonOutput.File;
            if (parse.GetValue(policy) is { } policyName)
            {
                if (policyName != RandomPolicyEvaluation.Random) throw new ArgumentException($"--policy: unknown policy '{policyName}'; known: {RandomPolicyEvaluation.Random}");
                foreach (var (given, name) in new[] { (parse.GetResult(checkpoint) is not null, "--checkpoint"), (parse.GetResult(games) is not null, "--games"),
                             (parse.GetResult(opponent) is not null, "--opponent"), (parse.GetResult(simulations) is not null, "--simulations"),
                             (parse.GetResult(positions) is not null, "--positions"), (parse.GetResult(limit) is not null, "--limit"),
                             (parse.GetResult(search) is not null, "--search") })
                {
                    if (given) throw new ArgumentException($"{name} does not go with --policy {RandomPolicyEvaluation.Random}");
                }
                string configPath = parse.GetValue(config) ?? throw new ArgumentException($"--policy {RandomPolicyEvaluation.Random} needs --config FILE");
                int? count = parse.GetValue(episodes);
                if (count is < 1) throw new ArgumentException($"--episodes must be >= 1, got {count}");
                return RandomPolicyEvaluation.Run(configPath, count, parse.GetValue(seed), output == JsonOutput.Stdout, output == JsonOutput.File ? parse.GetValue(json) : null);
            }
            if (parse.GetValue(checkpoint) is null) throw new ArgumentException("--checkpoint is required (or --config FILE --policy random)");
            if (parse.GetValue(config) is not null) throw new ArgumentException($"--config goes with --policy {RandomPolicyEvaluation.Random}; a checkpoint carries its own config");
            var options = new Options(parse.GetValue(checkpoint)!, parse.GetValue(games), parse.GetValue(episodes), parse.GetValue(opponent),
                parse.GetValue(opponentSimulations), parse.GetValue(simulations), parse.GetValue(device)!, output,
                output == JsonOutput.File ? parse.GetValue(json) : null, parse.GetValue(seed), parse.GetValue(parallel),
                ConfigOverride.ParseAll(parse.GetValue(search), "--search", "search."));
            string[] files = parse.GetValue(positions) ?? [];
            if (parse.GetResult(positions) is not null && files.Length == 0) throw new ArgumentException("--positions needs at least one FILE");
            if (files.Length > 0) return EvaluatePositionsCommand.Run(parse.GetValue(libTorch), options, files, parse.GetValue(limit));
            if (parse.GetValue(limit) is not null) throw new ArgumentException("--limit counts test positions: it needs --positions FILE...");
            return Run(parse.GetValue(libTorch), options);
        }));
        return command;
    }

    internal enum JsonOutput
    {
        None,
        Stdout,
        File,
    }

    internal sealed record Options(string Checkpoint, int? Games, int? Episodes, string? Opponent, int? OpponentSimulations, int? Simulations,
        string Device, JsonOutput Json, string? JsonPath, ulong Seed, int ParallelGames, IReadOnlyList<ConfigOverride> SearchOverrides);

    private static int Run(string? libTorch, Options o)
    {
        // Everything that can be checked without the checkpoint is checked first, so a typo costs nothing.
        if (o.Games is not null && o.Episodes is not null) throw new ArgumentException("--games and --episodes name the same count: give one");
        if (o.Games is < 1) throw new ArgumentException($"--games must be >= 1, got {o.Games}");
        if (o.Episodes is < 1) throw new ArgumentException($"--episodes must be >= 1, got {o.Episodes}");
        if (o.ParallelGames < 1) throw new ArgumentException($"--parallel-games must be >= 1, got {o.ParallelGames}");
        if (o.OpponentSimulations is < 1 or > ConfigLimits.MaxSimulations)
            throw new ArgumentException($"--opponent-simulations must be in 1..{ConfigLimits.MaxSimulations}, got {o.OpponentSimulations}");
        OpponentSpec? opponentSpec = null;
        if (o.Opponent is not null)
        {
            try
            {
                opponentSpec = OpponentSpec.Parse(o.Opponent);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--opponent: {e.Message}", e);
            }
            if (o.OpponentSimulations is not null && !opponentSpec.IsCheckpoint)
                throw new ArgumentException($"--opponent-simulations: only a {OpponentSpec.CheckpointPrefix}PATH opponent searches; '{o.Opponent}' does not");
        }
        // Open the JSON file before the games: a bad path must fail at once, not after the whole match.
        using var jsonFile = o.JsonPath is null ? null : OutputFile.Open(o.JsonPath, "--json");

        using var loggers = Logging.CreateFactory(o.Json == JsonOutput.Stdout ? LogLevel.Warning : LogLevel.Information);
        var logger = loggers.CreateLogger("muzero");
        TorchRuntime.Prepare(libTorch, logger);
        using var loaded = LoadedAgent.Load(o.Checkpoint, o.Device, o.Simulations, logger, o.SearchOverrides);
        if (!loaded.Spec.IsTwoPlayer)
        {
            if (opponentSpec is not null) throw new ArgumentException($"--opponent: {loaded.Spec.Name} is a single-player game");
            if (o.Games is not null) throw new ArgumentException($"--games: {loaded.Spec.Name} is a single-player game; use --episodes");
            int episodes = o.Episodes ?? loaded.Config.Evaluation.Episodes;
            int? cap = loaded.Config.Evaluation.MaxEpisodeSteps;
            logger.LogInformation("{Episodes} greedy episodes, seed {Seed}{Cap}", episodes, o.Seed, cap is int c ? $", cut at {c} steps" : "");
            var singleClock = Stopwatch.StartNew();
            var single = Evaluator.SinglePlayer(loaded.Agent, loaded.NewEnvironment, episodes, o.Seed, cap);
            var singleReport = SinglePlayerReport.Create(single, loaded.Path, loaded.Loaded.TrainingStep, loaded.Config.Environment, loaded.Loaded.Simulations,
                o.Seed, cap, singleClock.Elapsed.TotalSeconds);
            Console.WriteLine(o.Json == JsonOutput.Stdout ? JsonSerializer.Serialize(singleReport, SnakeCase) : Text(singleReport));
            if (jsonFile is not null) WriteJson(jsonFile, JsonSerializer.Serialize(singleReport, SnakeCaseIndented), o.JsonPath!, logger);
            return 0;
        }

        int games = o.Games ?? o.Episodes ?? loaded.Config.Evaluation.Episodes;
        opponentSpec ??= OpponentSpec.Parse(loaded.Config.Evaluation.Opponent);
        var opponent = opponentSpec.Create(loaded.Spec.Name, o.Seed, loaded.Device, o.OpponentSimulations);
        try
        {
            var opponentAgent = opponent as CheckpointAgent;
            if (opponentAgent is not null)
                logger.LogInformation("Opponent {Path}: update {Step}, {Sims} simulations per move", opponentAgent.Path, opponentAgent.TrainingStep, opponentAgent.Simulations);
            logger.LogInformation("{Games} games vs {Opponent}, {Parallel} at a time, seed {Seed}", games, opponentSpec.Name, Math.Min(games, o.ParallelGames), o.Seed);
            var clock = Stopwatch.StartNew();
            TwoPlayerResult result;
            using (var progress = ProgressDisplay.ForConsole("evaluate", "games", games, logger))
            {
                result = Evaluator.TwoPlayer(loaded.Agent, opponent, opponentSpec.Name, loaded.NewEnvironment, games, o.Seed, o.ParallelGames,
                    running => progress.Report(running.Games, Running(running.Total)));
            }
            var report = MatchReport.Create(result, loaded.Path, loaded.Loaded.TrainingStep, loaded.Spec.Name, loaded.Loaded.Simulations,
                opponentAgent?.Simulations, o.Seed, clock.Elapsed.TotalSeconds) with { SearchPolicy = loaded.Config.Search.Policy };
            Console.WriteLine(o.Json == JsonOutput.Stdout ? JsonSerializer.Serialize(report) : Text(report));
            if (jsonFile is not null) WriteJson(jsonFile, JsonSerializer.Serialize(report, Indented), o.JsonPath!, logger);
        }
        finally
        {
            (opponent as IDisposable)?.Dispose();
        }
        return 0;
    }

    private static string Running(WinDrawLoss counts) => string.Create(CultureInfo.InvariantCulture,
        $"score {counts.Score:F3} (+{counts.Wins} ={counts.Draws} -{counts.Losses})");

    /// <summary>The human-readable report: counts by seat, the score interval and the Elo difference, saying what an open Elo bound means.</summary>
    internal static string Text(MatchReport r)
    {
        var statistics = MatchStatistics.From(r.AsFirst + r.AsSecond);
        static string Counts(WinDrawLoss c) => $"{c.Wins,5} wins {c.Draws,5} draws {c.Losses,5} losses";
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Environment}: {r.Games} games vs {r.Opponent}{(r.OpponentSimulations is int os ? $" ({os} simulations)" : "")}; " +
                                                      $"agent {r.Checkpoint} (update {r.TrainingStep}), {r.Simulations} simulations per move; seed {r.Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  agent first  {Counts(r.AsFirst)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  agent second {Counts(r.AsSecond)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  total        {Counts(r.AsFirst + r.AsSecond)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{statistics.DescribeScore()}, {MatchStatistics.IntervalMethod}");
        text.Append(statistics.DescribeElo());
        if (double.IsPositiveInfinity(statistics.Elo)) text.Append(": every game won, so the difference has a lower bound only");
        else if (double.IsNegativeInfinity(statistics.Elo)) text.Append(": every game lost, so the difference has an upper bound only");
        return text.ToString();
    }

    /// <summary>The single-player report: what was played, then the returns as a one-row table (mean, its standard error, median, spread).</summary>
    internal static string Text(SinglePlayerReport r)
    {
        string options = string.Join(", ", RandomPolicyEvaluation.OptionsOf(r.Options));
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Environment}{(options.Length > 0 ? $" ({options})" : "")}: {r.Episodes} greedy episodes; " +
                                                      $"agent {r.Checkpoint} (update {r.TrainingStep}), {r.Simulations} simulations per move; seed {r.Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"episodes",9} {"mean",10} {"std. error",10} {"median",10} {"std",10} {"min",10} {"max",10}");
        text.Append(CultureInfo.InvariantCulture, $"{r.Episodes,9} {r.MeanReturn,10:F2} {r.StandardError,10:F2} {r.MedianReturn,10:F2} {r.StdReturn,10:F2} {r.MinReturn,10:G6} {r.MaxReturn,10:G6}");
        if (r.TruncatedEpisodes > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n{r.TruncatedEpisodes} episodes cut at evaluation.max_episode_steps = {r.MaxEpisodeSteps} (their returns so far are counted)");
        return text.ToString();
    }

    internal static void WriteJson(FileStream file, string json, string path, ILogger logger)
    {
        file.SetLength(0);
        using (var writer = new StreamWriter(file, leaveOpen: true)) writer.WriteLine(json);
        logger.LogInformation("wrote {Path}", path);
    }
}
