using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Devices;
using MuZero.Training.Benchmarks;
using MuZero.Training.Configuration;
using TorchSharp;

namespace MuZero.Cli.Commands;

/// <summary><c>muzero bench</c>: search, learner and self-play throughput as a table and optionally JSON.</summary>
internal static class BenchCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var config = new Option<string?>("--config") { Description = $"config whose network and game are measured; default: embedded configs/{DefaultConfig.Name}.json" };
        var set = CommonOptions.Set();
        var device = CommonOptions.Device();
        var batches = new Option<string>("--batch-sizes") { Description = "search batch sizes, comma separated", DefaultValueFactory = _ => "1,16,64,256,1024" };
        var simulations = new Option<string>("--simulations") { Description = "simulation counts, comma separated", DefaultValueFactory = _ => "50" };
        var learnerBatches = new Option<string>("--learner-batch-sizes") { Description = "learner batch sizes, comma separated", DefaultValueFactory = _ => "256,1024" };
        var unroll = new Option<int>("--unroll-steps") { Description = "K for the learner benchmark", DefaultValueFactory = _ => 5 };
        var repetitions = new Option<int>("--repetitions") { Description = "timed repetitions per measurement (min, median and max reported)", DefaultValueFactory = _ => 7 };
        var minWarmUp = new Option<double>("--min-warmup-seconds") { Description = "least warm-up per search measurement before the timings may count as settled", DefaultValueFactory = _ => new WarmUpPolicy().MinSeconds };
        var maxWarmUp = new Option<double>("--max-warmup-seconds") { Description = "most warm-up per search measurement (the table marks one that did not settle)", DefaultValueFactory = _ => new WarmUpPolicy().MaxSeconds };
        var selfPlayMoves = new Option<int>("--self-play-moves") { Description = "lockstep moves timed end to end (0 = skip)", DefaultValueFactory = _ => 20 };
        var json = new Option<string?>("--json") { Description = "also write the results as JSON to this file" };
        var environments = new Option<string?>("--environments") { Description = $"instead: environment steps/s of these games (comma separated, '{EnvironmentBench.MinAtar}' = the five MinAtar games), one thread, with and without observations" };
        var environmentGames = new Option<int>("--environment-games") { Description = "games in lockstep for --environments", DefaultValueFactory = _ => 64 };
        var environmentSeconds = new Option<double>("--environment-seconds") { Description = "seconds timed per game and mode for --environments", DefaultValueFactory = _ => 2 };
        var command = new Command("bench", "Measure search, learner and self-play throughput")
        {
            config, set, device, batches, simulations, learnerBatches, unroll, repetitions, minWarmUp, maxWarmUp, selfPlayMoves, json, environments, environmentGames, environmentSeconds,
        };
        command.SetAction(parse => CliError.Guard(() => parse.GetValue(environments) is { } names
            ? EnvironmentBench.Run(names, parse.GetValue(environmentGames), parse.GetValue(environmentSeconds), parse.GetValue(json))
            : Run(parse.GetValue(libTorch), parse.GetValue(config), CommonOptions.Overrides(parse.GetValue(set)), parse.GetValue(device)!, Ints(parse.GetValue(batches)!, "--batch-sizes"),
            Ints(parse.GetValue(simulations)!, "--simulations"), Ints(parse.GetValue(learnerBatches)!, "--learner-batch-sizes"),
            parse.GetValue(unroll), parse.GetValue(repetitions), new WarmUpPolicy(parse.GetValue(minWarmUp), parse.GetValue(maxWarmUp)), parse.GetValue(selfPlayMoves), parse.GetValue(json))));
        return command;
    }

    private static int Run(string? libTorch, string? configPath, IReadOnlyList<ConfigOverride> overrides, string device, int[] batches, int[] simulations, int[] learnerBatches, int unroll, int repetitions, WarmUpPolicy warmUp, int selfPlayMoves, string? jsonPath)
    {
        if (repetitions < 1) throw new ArgumentException($"--repetitions must be >= 1, got {repetitions}");
        if (!(warmUp.MinSeconds >= 0) || !double.IsFinite(warmUp.MinSeconds)) throw new ArgumentException($"--min-warmup-seconds must be >= 0, got {warmUp.MinSeconds}");
        if (!(warmUp.MaxSeconds >= warmUp.MinSeconds) || !double.IsFinite(warmUp.MaxSeconds)) throw new ArgumentException($"--max-warmup-seconds must be >= --min-warmup-seconds ({warmUp.MinSeconds}), got {warmUp.MaxSeconds}");
        if (unroll < 1) throw new ArgumentException($"--unroll-steps must be >= 1, got {unroll}");
        // Open the output first: a bad path must fail in a second, not after the whole benchmark.
        using var jsonFile = jsonPath is null ? null : OutputFile.Open(jsonPath, "--json");
        // Before the loggers, which keep the stderr writer they find; null when stderr is redirected.
        using var statusLine = LiveStatusLine.StartIfInteractive();
        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");
        var experiment = configPath is null ? DefaultConfig.Load(overrides) : ConfigLoader.Load(configPath, overrides);
        TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = DeviceSelection.Resolve(device, logger);
        string deviceName = torchDevice.type == DeviceType.CUDA ? $"{torchDevice} (CUDA)" : $"cpu ({Environment.ProcessorCount} cores)";
        var bench = new ThroughputBenchmark(experiment, torchDevice, warmUp);
        var progress = new BenchProgressLine(simulations.Length * batches.Length + learnerBatches.Length + (selfPlayMoves > 0 ? 1 : 0));
        statusLine?.Show(progress.Render);

        var search = new List<SearchBenchmarkResult>();
        foreach (int sims in simulations)
            foreach (int b in batches)
            {
                logger.LogInformation("search: batch {Batch}, {Sims} simulations", b, sims);
                string what = $"search batch {b}, {sims} simulations";
                progress.Begin(what);
                var result = bench.Search(b, sims, repetitions);
                search.Add(result);
                progress.End(string.Create(CultureInfo.InvariantCulture, $"{what}: {result.SimulationsPerSecond:N0} simulations/s"));
            }
        var learner = new List<LearnerBenchmarkResult>();
        foreach (int b in learnerBatches)
        {
            logger.LogInformation("learner: batch {Batch}, K={K}", b, unroll);
            string what = $"learner batch {b}, K={unroll}";
            progress.Begin(what);
            var result = bench.Learner(b, unroll, repetitions, updatesPerRepetition: 5);
            learner.Add(result);
            progress.End(string.Create(CultureInfo.InvariantCulture, $"{what}: {result.UpdatesPerSecond:F1} updates/s"));
        }
        SelfPlayBenchmarkResult? selfPlay = null;
        if (selfPlayMoves > 0)
        {
            logger.LogInformation("self-play: {Games} games, {Sims} simulations, {Moves} moves", experiment.SelfPlay.ParallelGames, experiment.Search.Simulations, selfPlayMoves);
            progress.Begin($"self-play {experiment.SelfPlay.ParallelGames} games, {selfPlayMoves} moves");
            selfPlay = bench.SelfPlay(selfPlayMoves);
            progress.End(string.Create(CultureInfo.InvariantCulture, $"self-play: {selfPlay.EnvironmentStepsPerSecond:N0} env steps/s"));
        }
        statusLine?.Stop();

        string source = (configPath ?? DefaultConfig.Source()) + string.Concat(overrides.Select(o => $" --set {o}"));
        var report = new BenchmarkReport(source, deviceName,
            $"{RuntimeInformation.OSDescription}; {RuntimeInformation.ProcessArchitecture}", torch.get_num_threads(), JitSettings.Describe(), OpenMpSpin.Describe(), search, learner, selfPlay);
        Console.WriteLine(Table(report));
        if (jsonFile is not null)
        {
            jsonFile.SetLength(0);
            JsonSerializer.Serialize(jsonFile, report, new JsonSerializerOptions { WriteIndented = true });
            logger.LogInformation("wrote {Path}", jsonPath);
        }
        return 0;
    }

    private static string Table(BenchmarkReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"device: {r.Device}; torch threads: {r.TorchThreads} ({r.OpenMpSpin}); jit: {r.Jit}; config: {r.Config}");
        text.AppendLine();
        text.AppendLine("| search batch | simulations | ms/search min / median / max | simulations/s | CPU ms/search | tree | of it idle | network | copies | other | warm-up |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in r.Search)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Batch} | {s.Simulations} | {s.MinSecondsPerSearch * 1000:F2} / {s.SecondsPerSearch * 1000:F2} / {s.MaxSecondsPerSearch * 1000:F2} | {s.SimulationsPerSecond:F0} | {s.CpuSecondsPerSearch * 1000:F1} | {Percent(s.HostFraction)} | {Percent(s.IdleFraction)} | {Percent(s.NetworkFraction)} | {Percent(s.CopyFraction)} | {Percent(s.OtherFraction)} | {s.WarmUpRuns} searches, {s.WarmUpSeconds:F1} s{(s.WarmUpSettled ? "" : ", not settled")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"tree: descents, expansions and backups on the host (of it idle: waiting for worker threads); network: the model's calls; copies: index uploads, gathers of parent latents and copies of new ones into the store; other: the rest; CPU: the process's CPU time (all threads) per search. Median of {r.Search.FirstOrDefault()?.Repetitions ?? 0} searches after a warm-up until the JIT was quiet and the times steady.");
        if (r.Search.Any(s => s.TransferBytesPerSimulation > 0))
            text.AppendLine(CultureInfo.InvariantCulture, $"host-device traffic per simulation: {string.Join(", ", r.Search.Select(s => $"{s.TransferBytesPerSimulation:N0} B at batch {s.Batch}"))}");
        text.AppendLine();
        text.AppendLine("| learner batch | K | updates/s | samples/s |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var l in r.Learner)
            text.AppendLine($"| {l.Batch} | {l.UnrollSteps} | {l.UpdatesPerSecond:F1} | {l.SamplesPerSecond:F0} |");
        if (r.SelfPlay is { } p)
        {
            text.AppendLine();
            text.AppendLine("| self-play games | simulations | env steps/s | simulations/s | warm-up |");
            text.AppendLine("|---:|---:|---:|---:|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.ParallelGames} | {p.Simulations} | {p.EnvironmentStepsPerSecond:F0} | {p.SimulationsPerSecond:F0} | {p.WarmUpMoves} moves{(p.WarmUpSettled ? "" : ", not settled")} |");
        }
        return text.ToString();
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{100 * fraction:F0} %");

    private static int[] Ints(string list, string option)
    {
        var values = new List<int>();
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int v) || v < 1) throw new ArgumentException($"{option}: '{part}' is not a positive integer");
            values.Add(v);
        }
        if (values.Count == 0) throw new ArgumentException($"{option}: expected at least one value");
        return [.. values];
    }
}
