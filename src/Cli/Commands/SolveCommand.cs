using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using MuZero.Environments;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero solve</c>: the exact Connect Four solver, on positions given as move strings (their score and every
/// column's score) or on test-set files (correctness, mean time and nodes per position beside Pons' published figures).
/// </summary>
internal static class SolveCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Command Create()
    {
        var moves = new Argument<string[]>("moves")
        {
            Description = "Connect Four positions as the columns played from the empty board, digits 1..7 (e.g. 4455)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var positions = new Option<string[]>("--positions")
        {
            Description = "test-set files of '<moves> <score>' lines (e.g. Pons' Test_L3_R1): solve every position and compare",
            AllowMultipleArgumentsPerToken = true,
        };
        var weak = new Option<bool>("--weak") { Description = "win / draw / loss only (compared with the sign of the file's score); much faster" };
        var limit = new Option<int?>("--limit") { Description = "solve only the first N positions of each file" };
        var tableBits = new Option<int>("--table-bits")
        {
            Description = "main transposition table of 2^N slots, 8 bytes each",
            DefaultValueFactory = _ => ConnectFourSolver.DefaultTableSizeLog2,
        };
        var json = new Option<string?>("--json") { Description = "also write the test-set results as JSON to this file" };
        var openingTable = new Option<int?>("--opening-table")
        {
            HelpName = "DEPTH",
            Description = "write the opening table of the perfect player: every position with DEPTH stones (0..6), solved in weak mode, to --out",
        };
        var output = new Option<string?>("--out") { Description = "the file --opening-table writes" };
        var command = new Command("solve", "Solve Connect Four positions exactly, or benchmark the solver on test-set files")
        {
            moves, positions, weak, limit, tableBits, json, openingTable, output,
        };
        command.SetAction(parse => CliError.Guard(() =>
        {
            int? depth = parse.GetValue(openingTable);
            string? outPath = parse.GetValue(output);
            if (depth is null && outPath is null)
            {
                return Run(parse.GetValue(moves) ?? [], parse.GetValue(positions) ?? [], parse.GetValue(weak), parse.GetValue(limit),
                    parse.GetValue(tableBits), parse.GetValue(json));
            }
            if ((parse.GetValue(moves) ?? []).Length > 0 || (parse.GetValue(positions) ?? []).Length > 0 || parse.GetValue(json) is not null)
                throw new ArgumentException("--opening-table writes a table on its own: give no positions, --positions or --json with it");
            return WriteOpeningTable(depth, outPath, parse.GetValue(tableBits));
        }));
        return command;
    }

    /// <summary><c>--opening-table DEPTH --out FILE</c>: the table <see cref="PerfectConnectFourPlayer"/> ships with (see <see cref="ConnectFourOpeningTable"/>).</summary>
    private static int WriteOpeningTable(int? depth, string? outPath, int tableBits)
    {
        if (depth is null) throw new ArgumentException("--out needs --opening-table DEPTH");
        if (outPath is null) throw new ArgumentException("--opening-table needs --out FILE");
        if (depth is < 0 or > 6) throw new ArgumentException($"--opening-table must be in 0..6, got {depth}");
        if (tableBits is < 10 or > 30) throw new ArgumentException($"--table-bits must be in 10..30, got {tableBits}");
        using var file = OutputFile.Open(outPath, "--out");
        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        file.SetLength(0);
        using (var writer = new StreamWriter(file))
        {
            ConnectFourOpeningTable.Generate(depth.Value, new ConnectFourSolver(tableBits), writer, (done, total, line) =>
            {
                // One line per position with its time: the slow ones are worth knowing.
                logger.LogInformation("{Done}/{Total}: {Line} in {Seconds:F1} s ({Elapsed:F0} s in all)",
                    done, total, line, (clock.Elapsed - last).TotalSeconds, clock.Elapsed.TotalSeconds);
                last = clock.Elapsed;
                writer.Flush();
            });
        }
        Console.WriteLine(outPath);
        return 0;
    }

    private static int Run(string[] moves, string[] files, bool weak, int? limit, int tableBits, string? jsonPath)
    {
        if (moves.Length == 0 && files.Length == 0) throw new ArgumentException("give positions to solve (e.g. 'muzero solve 4455') or --positions FILE...");
        if (limit is < 1) throw new ArgumentException($"--limit must be >= 1, got {limit}");
        if (tableBits is < 10 or > 30) throw new ArgumentException($"--table-bits must be in 10..30, got {tableBits}");
        if (jsonPath is not null && files.Length == 0) throw new ArgumentException("--json needs --positions (it records test-set results)");
        var mode = weak ? ConnectFourSolveMode.Weak : ConnectFourSolveMode.Strong;

        // Check every input before the first (possibly long) search, and open the output before, too.
        var parsed = moves.Select(m => ConnectFourPosition.TryParse(m, out var p, out string? error) ? p : throw new ArgumentException(error)).ToArray();
        var sets = files.Select(LoadSet).ToArray();
        using var jsonFile = jsonPath is null ? null : OutputFile.Open(jsonPath, "--json");

        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");
        var solver = new ConnectFourSolver(tableBits);
        for (int i = 0; i < parsed.Length; i++) Console.WriteLine(DescribePosition(solver, moves[i], parsed[i], mode));
        if (sets.Length == 0) return 0;

        var results = new List<ConnectFourSolverBenchmarkResult>();
        foreach (var set in sets)
        {
            int total = Math.Min(limit ?? int.MaxValue, set.Positions.Count);
            logger.LogInformation("{Set}: solving {Total} positions ({Mode})", set.Name, total, mode.ToString().ToLowerInvariant());
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            results.Add(ConnectFourSolverBenchmark.Run(set, solver, mode, limit, done =>
            {
                // A line every 10 seconds on the slow sets: positions done and the time left at this pace.
                if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(10) || done == total) return;
                lastReport = clock.Elapsed;
                var left = clock.Elapsed / done * (total - done);
                logger.LogInformation("{Set}: {Done}/{Total} positions, {Elapsed:F0} s, about {Left:F0} s left", set.Name, done, total, clock.Elapsed.TotalSeconds, left.TotalSeconds);
            }));
        }

        Console.WriteLine(Table(results, solver.TableSize));
        if (jsonFile is not null)
        {
            var report = new SolveReport(mode, solver.TableSize, Environment.ProcessorCount, $"{RuntimeInformation.OSDescription}; {RuntimeInformation.ProcessArchitecture}", results);
            jsonFile.SetLength(0);
            JsonSerializer.Serialize(jsonFile, report, JsonOptions);
            logger.LogInformation("wrote {Path}", jsonPath);
        }
        var wrong = results.Where(r => !r.AllCorrect).ToArray();
        if (wrong.Length == 0) return 0;
        foreach (var r in wrong)
        {
            var first = r.Mismatches[0];
            Console.Error.WriteLine($"error: {r.Path}: {r.Positions - r.Correct} of {r.Positions} scores differ " +
                                    $"(first: line {first.Line} '{first.Moves}' expected {first.Expected}, got {first.Actual})");
        }
        return 1;
    }

    /// <summary>The JSON written by <c>--json</c>.</summary>
    private sealed record SolveReport(ConnectFourSolveMode Mode, int TableSlots, int ProcessorCount, string Machine, IReadOnlyList<ConnectFourSolverBenchmarkResult> Sets);

    private static ConnectFourTestSet LoadSet(string path)
    {
        try
        {
            return ConnectFourTestSet.Load(path);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static string DescribePosition(ConnectFourSolver solver, string moves, ConnectFourPosition position, ConnectFourSolveMode mode)
    {
        string name = moves.Length == 0 ? "(empty board)" : moves;
        if (position.IsWon) return $"{name}: the game is over, the last move won";
        if (position.MovesPlayed == ConnectFourPosition.CellCount) return $"{name}: the game is over, a draw";
        int score = solver.Solve(position, mode);
        var scores = solver.ScoreMoves(position, mode);
        var text = new StringBuilder();
        text.AppendLine($"{name}: score {score} for the {(position.PlayerToMove == 0 ? "first" : "second")} player to move ({Outcome(score, position, mode)})");
        text.Append("  by column:");
        for (int column = 0; column < ConnectFourPosition.Width; column++)
            text.Append(scores[column] == ConnectFourSolver.NotPlayable ? $" {column + 1}:full" : $" {column + 1}:{scores[column]}");
        return text.ToString();
    }

    private static string Outcome(int score, ConnectFourPosition position, ConnectFourSolveMode mode)
    {
        if (score == 0) return "draw";
        if (mode == ConnectFourSolveMode.Weak) return score > 0 ? "win" : "loss";
        // 22 - score is the winner's stone count at the end (convention of the test sets).
        int stones = ConnectFourPosition.CellCount / 2 + 1 - Math.Abs(score);
        return score > 0 ? $"win with its stone {stones}" : $"loss to the opponent's stone {stones}";
    }

    private static string Table(IReadOnlyList<ConnectFourSolverBenchmarkResult> results, int tableSlots)
    {
        var text = new StringBuilder();
        text.AppendLine($"solver: main table {tableSlots:N0} slots; {Environment.ProcessorCount} cores; times are per position " +
                        "(CPU time: the solving thread's, near the wall-clock time of an otherwise idle core)");
        text.AppendLine();
        text.AppendLine("| set | mode | positions | all correct | mean time | mean CPU time | mean nodes | published time | published nodes | time / published | CPU time / published |");
        text.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var published = r.Published;
            string mode = r.Mode.ToString().ToLowerInvariant();
            string correct = r.AllCorrect ? "yes" : $"no ({r.Correct})";
            string publishedTime = published is null ? "-" : Duration(published.Seconds(r.Mode));
            string publishedNodes = published is null ? "-" : Count(published.Nodes(r.Mode));
            string ratio = published is null ? "-" : Ratio(r.MeanSeconds / published.Seconds(r.Mode));
            string cpuRatio = published is null ? "-" : Ratio(r.MeanCpuSeconds / published.Seconds(r.Mode));
            text.AppendLine($"| {r.Set} | {mode} | {r.Positions} | {correct} | {Duration(r.MeanSeconds)} | {Duration(r.MeanCpuSeconds)} | {Count(r.MeanNodes)} | {publishedTime} | {publishedNodes} | {ratio} | {cpuRatio} |");
        }
        return text.ToString();
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F2} µs"),
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s"),
    };

    private static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Count(double value) => value.ToString(value < 1000 ? "F1" : "N0", CultureInfo.InvariantCulture);
}
