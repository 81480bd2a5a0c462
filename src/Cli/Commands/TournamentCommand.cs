using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Devices;
using MuZero.Environments;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero tournament</c>: a round robin between checkpoints and reference opponents, every pair playing the same
/// number of games from the same random openings with the seats swapped, reported as Elo ratings with confidence
/// intervals (<see cref="EloRatingFit"/>) and the matrix of pairwise results.
/// </summary>
internal static class TournamentCommand
{
    private const int DefaultGamesPerPair = 20;
    private const int DefaultOpeningPlies = 2;
    private const int DefaultParallelGames = 256;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(Option<string?> libTorch)
    {
        var players = new Option<string[]>("--players")
        {
            Description = $"two or more players: checkpoint files or run directories (their latest checkpoint), or reference opponents: {string.Join(", ", OpponentRegistry.Names)}",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var games = new Option<int>("--games") { Description = "games per pair, even: each opening is played twice with the seats swapped", DefaultValueFactory = _ => DefaultGamesPerPair };
        var anchor = new Option<string>("--anchor")
        {
            Description = $"what Elo 0 means: '{RatingAnchor.MeanName}' (the players' mean) or a player, by its name in the table or as given",
            DefaultValueFactory = _ => RatingAnchor.MeanName,
        };
        var openingPlies = new Option<int>("--opening-plies")
        {
            Description = "random moves that start every game (greedy agents would otherwise repeat the same two games)",
            DefaultValueFactory = _ => DefaultOpeningPlies,
        };
        var priorDraws = new Option<int?>("--prior-draws")
        {
            Description = "virtual draws added to every pair for the fit (default: 0, or 1 when a player won or lost every game, which would make ratings infinite)",
        };
        var game = new Option<string?>("--game") { Description = $"the game, needed when no player is a checkpoint: {string.Join(", ", EnvironmentRegistry.BoardGames)}" };
        var simulations = new Option<int?>("--simulations") { Description = "simulations per move of every checkpoint (default: each checkpoint config's evaluation or search setting)" };
        var device = CommonOptions.Device();
        var json = new Option<string?>("--json") { Description = "also write the ratings and results as JSON to this file", HelpName = "FILE" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the openings and of the reference opponents", DefaultValueFactory = _ => 12345 };
        var parallel = new Option<int>("--parallel-games") { Description = "games of a pair in play at once (searched in one batch)", DefaultValueFactory = _ => DefaultParallelGames };
        var command = new Command("tournament", "Round robin between checkpoints and reference opponents: Elo ratings with 95% intervals")
        {
            players, games, anchor, openingPlies, priorDraws, game, simulations, device, json, seed, parallel,
        };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch), new Options(parse.GetValue(players)!, parse.GetValue(games),
            parse.GetValue(anchor)!, parse.GetValue(openingPlies), parse.GetValue(priorDraws), parse.GetValue(game), parse.GetValue(simulations),
            parse.GetValue(device)!, parse.GetValue(json), parse.GetValue(seed), parse.GetValue(parallel)))));
        return command;
    }

    private sealed record Options(string[] Players, int Games, string Anchor, int OpeningPlies, int? PriorDraws, string? Game, int? Simulations,
        string Device, string? JsonPath, ulong Seed, int ParallelGames);

    private static int Run(string? libTorch, Options o)
    {
        // Everything that can be checked without loading a checkpoint is checked first, so a typo costs nothing.
        if (o.Games < 2 || o.Games % 2 != 0) throw new ArgumentException($"--games must be even and >= 2 (each opening is played from both seats), got {o.Games}");
        if (o.ParallelGames < 1) throw new ArgumentException($"--parallel-games must be >= 1, got {o.ParallelGames}");
        if (o.OpeningPlies is < 0 or > RandomOpening.MaxPlies) throw new ArgumentException($"--opening-plies must be in 0..{RandomOpening.MaxPlies}, got {o.OpeningPlies}");
        if (o.PriorDraws is < 0) throw new ArgumentException($"--prior-draws must be >= 0, got {o.PriorDraws}");
        if (o.Simulations is < 1 or > ConfigLimits.MaxSimulations) throw new ArgumentException($"--simulations must be in 1..{ConfigLimits.MaxSimulations}, got {o.Simulations}");
        if (o.Game is not null && !EnvironmentRegistry.IsBoardGame(o.Game))
            throw new ArgumentException($"--game '{o.Game}': expected a two-player board game: {string.Join(", ", EnvironmentRegistry.BoardGames)}");
        var specs = ParsePlayers(o.Players);
        var names = Names(specs);
        var anchor = ResolveAnchor(o.Anchor, o.Players, specs, names);
        using var jsonFile = o.JsonPath is null ? null : OutputFile.Open(o.JsonPath, "--json");

        using var loggers = Logging.CreateFactory(LogLevel.Information);
        var logger = loggers.CreateLogger("muzero");
        bool anyCheckpoint = specs.Any(s => s.IsCheckpoint);
        if (!anyCheckpoint && o.Game is null) throw new ArgumentException("--game is needed when no player is a checkpoint (it says which game the reference opponents play)");
        if (!anyCheckpoint && o.Simulations is not null) throw new ArgumentException("--simulations: no player is a checkpoint, so none searches");
        if (anyCheckpoint) TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = anyCheckpoint ? DeviceSelection.Resolve(o.Device, logger) : null;

        var playing = new IPlayer?[specs.Count];
        try
        {
            // Checkpoints first: they say which game is played, which the reference opponents are then checked against.
            EnvironmentConfig? environment = o.Game is null ? null : new EnvironmentConfig { Name = o.Game };
            string? environmentSource = o.Game is null ? null : "--game";
            var entrants = new TournamentEntrant[specs.Count];
            for (int i = 0; i < specs.Count; i++)
            {
                if (!specs[i].IsCheckpoint) continue;
                var agent = CheckpointAgent.Load(specs[i].CheckpointPath!, torchDevice!, o.Simulations);
                playing[i] = agent;
                logger.LogInformation("Loaded {Path}: {Game}, update {Step}, {Sims} simulations per move on {Device}",
                    agent.Path, agent.Spec.Name, agent.TrainingStep, agent.Simulations, torchDevice!.ToString());
                if (environment is null)
                {
                    environment = agent.Config.Environment;
                    environmentSource = names[i];
                }
                else if (!SameGame(environment, agent.Config.Environment))
                    throw new ArgumentException($"--players: all players must play the same game: {names[i]} plays {Describe(agent.Config.Environment)}, " +
                                                $"{environmentSource} {(environmentSource == "--game" ? "names" : "plays")} {Describe(environment)}");
                entrants[i] = new TournamentEntrant(names[i], o.Players[i], agent.Path, agent.TrainingStep, agent.Simulations);
            }
            var spec = environment!.Spec();
            if (!spec.IsTwoPlayer) throw new ArgumentException($"--players: {spec.Name} is a single-player game; a tournament needs a two-player game");
            for (int i = 0; i < specs.Count; i++)
            {
                if (specs[i].IsCheckpoint) continue;
                if (OpponentRegistry.Problem(specs[i].Name, spec.Name) is { } problem) throw new ArgumentException($"--players: {problem}");
                // Each reference opponent draws from its own stream, so adding a player does not change another's moves.
                playing[i] = new OpponentPlayer(OpponentRegistry.Create(specs[i].Name, spec.Name, o.Seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL));
                entrants[i] = new TournamentEntrant(names[i], o.Players[i], null, null, null);
            }

            int pairs = specs.Count * (specs.Count - 1) / 2;
            logger.LogInformation("Round robin of {Players} players on {Game}: {Pairs} pairs x {Games} games, {Plies} random opening plies, {Parallel} games at a time, seed {Seed}",
                specs.Count, Describe(environment), pairs, o.Games, o.OpeningPlies, Math.Min(o.Games, o.ParallelGames), o.Seed);
            var clock = Stopwatch.StartNew();
            RoundRobinResult result;
            using (var progress = ProgressDisplay.ForConsole("tournament", "games", (long)pairs * o.Games, logger))
            {
                result = RoundRobin.Play(names, playing.Select(p => p!).ToArray(), environment.Create, o.Games, o.Seed, o.ParallelGames,
                    new RandomOpening(o.OpeningPlies, o.Seed),
                    p => progress.Report(p.GamesDone, string.Create(CultureInfo.InvariantCulture,
                        $"pair {p.Pair + 1}/{p.Pairs} {names[p.Player]} vs {names[p.Opponent]}: +{p.Running.Wins} ={p.Running.Draws} -{p.Running.Losses}")));
            }
            double seconds = clock.Elapsed.TotalSeconds;

            var (priorDraws, priorReason) = ChoosePrior(o.PriorDraws, result.Results);
            var ratings = EloRatingFit.Fit(result.Results, anchor, priorDraws);
            var report = TournamentReport.Create(spec.Name, entrants, result, ratings, o.Games, o.OpeningPlies, o.Seed, priorReason, seconds);
            Console.Write(Text(report, result.Results));
            if (jsonFile is not null)
            {
                jsonFile.SetLength(0);
                using (var writer = new StreamWriter(jsonFile, leaveOpen: true)) writer.WriteLine(JsonSerializer.Serialize(report, Indented));
                logger.LogInformation("wrote {Path}", o.JsonPath);
            }
        }
        finally
        {
            foreach (var player in playing) (player as IDisposable)?.Dispose();
        }
        return 0;
    }

    /// <summary>
    /// The virtual draws of the fit: as asked; else none, unless a player (or group) won or lost every game, which would
    /// put it infinitely far away: then one per pair, with the reason, which the output prints. The games are played by
    /// then, so a fit that refused to rate them would waste them.
    /// </summary>
    internal static (int PriorDraws, string? Reason) ChoosePrior(int? requested, PairwiseResults results)
    {
        if (requested is int asked) return (asked, null);
        return EloRatingFit.Separation(results) is { } separation ? (1, separation) : (0, null);
    }

    /// <summary>Reads every <c>--players</c> entry; a bad one or a repeat is one line.</summary>
    private static List<OpponentSpec> ParsePlayers(string[] players)
    {
        if (players.Length < 2) throw new ArgumentException($"--players: a round robin needs at least two players, got {players.Length}");
        var specs = new List<OpponentSpec>(players.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in players)
        {
            OpponentSpec spec;
            try
            {
                spec = OpponentSpec.Parse(text);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--players: {e.Message}", e);
            }
            string identity = spec.CheckpointPath is { } path ? Path.GetFullPath(path) : spec.Name;
            if (!seen.Add(identity)) throw new ArgumentException($"--players: '{text}' is given twice");
            specs.Add(spec);
        }
        return specs;
    }

    /// <summary>
    /// Short, distinct names for tables: a reference opponent's spec, and for a checkpoint the fewest trailing parts of
    /// its path that no other player shares (<c>step-200.ckpt</c>, or <c>run-a/checkpoints/step-200.ckpt</c> when two
    /// runs are compared). A run directory is named by its own folder name.
    /// </summary>
    internal static string[] Names(IReadOnlyList<OpponentSpec> specs)
    {
        var parts = specs.Select(s => s.CheckpointPath?.Replace('\\', '/').TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var depth = parts.Select(_ => 1).ToArray();
        string Name(int i) => parts[i] is { } p && p.Length > 0 ? string.Join('/', p[^Math.Min(depth[i], p.Length)..]) : specs[i].Name;
        for (int round = 0; round < 64; round++)
        {
            var names = Enumerable.Range(0, specs.Count).Select(Name).ToArray();
            var clashing = Enumerable.Range(0, specs.Count).Where(i => parts[i] is not null && names.Count(n => n == names[i]) > 1).ToArray();
            if (clashing.Length == 0) return names;
            bool grew = false;
            foreach (int i in clashing)
                if (depth[i] < parts[i]!.Length)
                {
                    depth[i]++;
                    grew = true;
                }
            if (!grew) break;
        }
        // Paths that stay equal to the end (./a.ckpt and a.ckpt) or a file named like a reference opponent: as given.
        var final = Enumerable.Range(0, specs.Count).Select(Name).ToArray();
        return Enumerable.Range(0, specs.Count).Select(i => final.Count(n => n == final[i]) > 1 && specs[i].IsCheckpoint ? specs[i].Name : final[i]).ToArray();
    }

    /// <summary>The anchor <c>--anchor</c> names: the mean, or a player by its table name, its spec or its text as given.</summary>
    private static RatingAnchor ResolveAnchor(string text, string[] typed, IReadOnlyList<OpponentSpec> specs, string[] names)
    {
        if (text == RatingAnchor.MeanName) return RatingAnchor.Mean;
        for (int i = 0; i < specs.Count; i++)
            if (names[i] == text || typed[i] == text || specs[i].Name == text || specs[i].CheckpointPath == text) return RatingAnchor.Player(names[i]);
        throw new ArgumentException($"--anchor '{text}' is not a player; players: {string.Join(", ", names)}, or '{RatingAnchor.MeanName}'");
    }

    private static bool SameGame(EnvironmentConfig a, EnvironmentConfig b) =>
        a.Name == b.Name && EnvironmentRegistry.ResolveOptions(a.Name, a.Options) == EnvironmentRegistry.ResolveOptions(b.Name, b.Options);

    private static string Describe(EnvironmentConfig environment)
    {
        var options = EnvironmentRegistry.ResolveOptions(environment.Name, environment.Options);
        var parts = new List<string>();
        if (options.BoardSize is int size) parts.Add($"board_size {size}");
        if (options.WinLength is int length) parts.Add($"win_length {length}");
        return parts.Count == 0 ? environment.Name : $"{environment.Name} ({string.Join(", ", parts)})";
    }

    /// <summary>The ratings table (best first) and the matrix of pairwise results (players in the order given).</summary>
    internal static string Text(TournamentReport report, PairwiseResults results)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        int n = report.Players.Count;
        text.AppendLine(c, $"{report.Environment}: round robin of {n} players, {report.GamesPerPair} games per pair ({report.Pairs.Count * report.GamesPerPair} games), " +
                           $"{report.OpeningPlies} random opening plies (each opening played from both seats), seed {report.Seed}");
        foreach (var p in report.Players.Where(p => p.Checkpoint is not null))
            text.AppendLine(c, $"  {p.Name}: {p.Checkpoint} (update {p.TrainingStep}, {p.Simulations} simulations per move)");
        if (report.PriorReason is not null)
            text.AppendLine(c, $"note: {report.PriorReason}; the ratings below add {report.PriorDraws} virtual draw to every pair (--prior-draws {report.PriorDraws}); set --prior-draws to choose another prior");
        else if (report.PriorDraws > 0)
            text.AppendLine(c, $"prior: {report.PriorDraws} virtual draws added to every pair");
        text.AppendLine();

        int width = Math.Max(6, report.Players.Max(p => p.Name.Length));
        string zero = report.Anchor == RatingAnchor.MeanName ? "mean of the players" : report.Anchor;
        text.AppendLine(c, $"Elo (0 = {zero}), 95% intervals from the observed information; score = mean points per game (win 1, draw 1/2)");
        text.AppendLine(c, $"  rank  {"player".PadRight(width)}     Elo   95% CI             score   games");
        var order = Enumerable.Range(0, n).OrderByDescending(i => report.Players[i].Elo).ThenBy(i => i).ToArray();
        for (int rank = 0; rank < n; rank++)
        {
            var p = report.Players[order[rank]];
            bool anchored = p.Name == report.Anchor;
            string interval = anchored ? "(anchor)" : $"{EloDifference.Format(p.EloLow)} .. {EloDifference.Format(p.EloHigh)}";
            text.AppendLine(c, $"  {rank + 1,4}  {p.Name.PadRight(width)}  {EloDifference.Format(p.Elo),6}   {interval,-17}  {p.Score,5:F3}  {p.Games,6}");
        }
        text.AppendLine();

        text.AppendLine("Results: wins-draws-losses of the row player against the column player");
        var cells = new string[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                cells[i, j] = i == j ? "." : $"{results[i, j].Wins}-{results[i, j].Draws}-{results[i, j].Losses}";
        var columnWidth = Enumerable.Range(0, n).Select(j => Math.Max(report.Players[j].Name.Length, Enumerable.Range(0, n).Max(i => cells[i, j].Length))).ToArray();
        text.Append(c, $"  {"".PadRight(width)}");
        for (int j = 0; j < n; j++) text.Append(c, $"  {report.Players[j].Name.PadLeft(columnWidth[j])}");
        text.AppendLine();
        for (int i = 0; i < n; i++)
        {
            text.Append(c, $"  {report.Players[i].Name.PadRight(width)}");
            for (int j = 0; j < n; j++) text.Append(c, $"  {cells[i, j].PadLeft(columnWidth[j])}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
