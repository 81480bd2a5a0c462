using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Devices;
using MuZero.Training.Configuration;
using MuZero.Training.Experiments;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero experiment</c>: trains one config with several seeds, one after the other in this process, into one
/// experiment directory (<c>seed-N/</c> run directories beside <c>experiment.json</c>), and aggregates their
/// evaluations across seeds (mean, IQM, bootstrap confidence intervals) into <c>aggregate.json</c> and
/// <c>aggregate.csv</c> each time a seed ends. <c>--resume DIR</c> skips finished seeds and continues an unfinished one
/// from its checkpoint, like <c>train --resume</c>.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var config = new Option<string?>("--config") { Description = $"experiment config (JSON); default: the embedded configs/{DefaultConfig.Name}.json" };
        var seeds = new Option<string?>("--seeds") { Description = "the seeds to train, comma separated, e.g. 1,2,3 (each replaces the config's seed)" };
        var set = CommonOptions.Set();
        var output = new Option<string?>("--out") { Description = "experiment directory; must be empty or absent (default: experiments/<name>-<timestamp>)" };
        var resume = new Option<string?>("--resume") { Description = "continue the experiment in this directory: finished seeds are skipped, an unfinished one resumes from its checkpoint" };
        var device = CommonOptions.Device();
        var command = new Command("experiment", "Train one config with several seeds and aggregate their evaluations (mean, IQM, 95% bootstrap intervals)")
        {
            config, seeds, set, output, resume, device,
        };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch), parse.GetValue(config), parse.GetValue(seeds),
            CommonOptions.Overrides(parse.GetValue(set)), parse.GetValue(output), parse.GetValue(resume), parse.GetValue(device)!)));
        return command;
    }

    private static int Run(string? libTorch, string? configPath, string? seedList, IReadOnlyList<ConfigOverride> overrides, string? output, string? resume, string device)
    {
        // Before the loggers, which keep the stderr writer they find; null when stderr is redirected.
        using var statusLine = LiveStatusLine.StartIfInteractive();
        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");

        ExperimentManifest? manifest = null;
        if (resume is not null)
        {
            if (configPath is not null || seedList is not null || overrides.Count > 0)
                throw new ArgumentException("--resume continues the experiment as its experiment.json records it; do not pass --config, --seeds or --set as well");
            if (output is not null && Path.GetFullPath(output) != Path.GetFullPath(resume))
                throw new ArgumentException("--out cannot differ from --resume: a resumed experiment continues in its own directory");
        }
        else
        {
            if (seedList is null) throw new ArgumentException("--seeds is required for a new experiment, e.g. --seeds 1,2,3");
            var seeds = Seeds(seedList);
            var config = configPath is null ? DefaultConfig.Load(overrides) : ConfigLoader.Load(configPath, overrides);
            manifest = new ExperimentManifest(configPath ?? DefaultConfig.Source(), [.. overrides.Select(o => o.ToString())], seeds, config);
        }

        TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = DeviceSelection.Resolve(device, logger);
        var experiment = resume is not null
            ? ExperimentDirectory.Open(resume)
            : ExperimentDirectory.Create(output ?? RunDirectory.NewPath("experiments", manifest!.Config.Name), manifest!);
        manifest = experiment.Manifest;
        logger.LogInformation("Experiment {Dir}: {Config}{Overrides}, seeds {Seeds}", experiment.Root, manifest.ConfigSource,
            string.Concat(manifest.Overrides.Select(o => $" --set {o}")), string.Join(", ", manifest.Seeds));

        using var signals = new StopSignals(logger);
        for (int i = 0; i < manifest.Seeds.Count; i++)
        {
            ulong seed = manifest.Seeds[i];
            var outcome = TrainSeed(experiment, seed, torchDevice, logger, signals.Token, statusLine, $"{i + 1}/{manifest.Seeds.Count}");
            if (outcome is null) continue;
            var partial = experiment.WriteAggregate();
            experiment.WriteGoalSummary();
            logger.LogInformation("Aggregate over {Count} seed(s) so far: {Path}", partial.Points.Select(p => p.Runs).DefaultIfEmpty(0).Max(), experiment.AggregateCsvPath);
            if (outcome.Reason == StopReason.Cancelled)
            {
                logger.LogWarning("Experiment stopped during seed {Seed}; continue it with: muzero experiment --resume {Dir}", seed, experiment.Root);
                return signals.ExitCode;
            }
        }

        var aggregate = experiment.WriteAggregate();
        Console.WriteLine(Table(aggregate, manifest.Seeds.Count));
        if (experiment.WriteGoalSummary() is { } goal)
        {
            Console.WriteLine(goal.ToTable());
            Console.WriteLine(experiment.GoalJsonPath);
        }
        Console.WriteLine(experiment.AggregateJsonPath);
        Console.WriteLine(experiment.AggregateCsvPath);
        return 0;
    }

    /// <summary>Trains or resumes one seed's run; null when it had already finished.</summary>
    private static TrainingOutcome? TrainSeed(ExperimentDirectory experiment, ulong seed, Device device, ILogger logger, CancellationToken cancellation,
        LiveStatusLine? statusLine, string position)
    {
        string path = experiment.SeedPath(seed);
        var config = experiment.Manifest.ConfigFor(seed);
        if (Directory.Exists(path) && !HasCheckpoint(path))
        {
            // Stopped before its first checkpoint, which a run writes as it starts: nothing was trained.
            RunDirectory.OpenExisting(path).Dispose(); // refuses a seed that another process is starting right now
            logger.LogWarning("Seed {Seed}: {Path} holds no checkpoint; starting that seed anew", seed, path);
            Directory.Delete(path, recursive: true);
        }
        if (!Directory.Exists(path))
        {
            logger.LogInformation("Seed {Seed} ({Position}): new run {Path}", seed, position, path);
            using var created = RunDirectory.CreateNew(path);
            return TrainingSession.Run(config, created, null, created: true, device, logger, cancellation, statusLine);
        }

        var (directory, checkpoint) = TrainingSession.OpenForResume(path, logger);
        using (directory)
        {
            if (ConfigLoader.ToJson(checkpoint.Config) != ConfigLoader.ToJson(config))
                throw new RunDirectoryException($"{path}: this seed's run has another config than {Path.Combine(experiment.Root, ExperimentDirectory.ManifestName)} gives it");
            if (TrainingSession.IsFinished(checkpoint))
            {
                logger.LogInformation("Seed {Seed} ({Position}): finished at update {Step}; skipped", seed, position, checkpoint.Counters.TrainingStep);
                return null;
            }
            logger.LogInformation("Seed {Seed} ({Position}): resuming {Path}", seed, position, path);
            return TrainingSession.Run(config, directory, checkpoint, created: false, device, logger, cancellation, statusLine);
        }
    }

    private static bool HasCheckpoint(string runPath)
    {
        string folder = Path.Combine(runPath, RunDirectory.CheckpointFolder);
        return Directory.Exists(folder)
               && (File.Exists(Path.Combine(folder, RunDirectory.LatestCheckpointName)) || Directory.EnumerateFiles(folder, "step-*.ckpt").Any());
    }

    private static string Table(ExperimentAggregate aggregate, int seeds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{aggregate.Metric} over {seeds} seeds (mean and IQM with {aggregate.Confidence * 100:F0}% bootstrap intervals, {aggregate.Resamples} resamples)");
        text.AppendLine();
        text.AppendLine("| update | runs | env steps | mean | mean CI | IQM | IQM CI |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in aggregate.Points)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Step} | {p.Runs} | {p.EnvironmentSteps:F0} | {p.Mean:G4} | [{p.MeanInterval.Low:G4}, {p.MeanInterval.High:G4}] | {p.InterquartileMean:G4} | [{p.InterquartileMeanInterval.Low:G4}, {p.InterquartileMeanInterval.High:G4}] |");
        }
        return text.ToString();
    }

    private static ulong[] Seeds(string list)
    {
        var seeds = new List<ulong>();
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)) throw new ArgumentException($"--seeds: '{part}' is not a non-negative integer");
            if (seeds.Contains(seed)) throw new ArgumentException($"--seeds: seed {seed} is given twice");
            seeds.Add(seed);
        }
        if (seeds.Count == 0) throw new ArgumentException("--seeds: expected at least one seed, e.g. 1,2,3");
        return [.. seeds];
    }
}
