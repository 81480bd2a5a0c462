using System.CommandLine;
using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Devices;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero train</c>: runs a training job to its budget, showing progress (a live status line under the log on an
/// interactive terminal, the periodic log lines alone when stderr is redirected). Ctrl-C (SIGINT) and SIGTERM stop
/// it after the current update with a checkpoint and exit codes 130 and 143; a second signal ends it at once.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var config = new Option<string?>("--config") { Description = $"experiment config (JSON); default: the embedded configs/{DefaultConfig.Name}.json" };
        var set = CommonOptions.Set();
        var device = CommonOptions.Device();
        var runDir = new Option<string?>("--run-dir") { Description = "run directory for a new run; must be empty or absent (default: runs/<name>-<timestamp>)" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this directory from its latest intact checkpoint, with its replay buffer" };
        var seed = new Option<ulong?>("--seed") { Description = "override the config's seed (new runs only)" };
        var steps = new Option<long?>("--steps") { Description = "new run: override training.training_steps; with --resume: stop at this update this time, leaving the run's budget as it is" };
        var minutes = new Option<double?>("--max-minutes") { Description = "new run: override training.max_wall_minutes; with --resume: stop after this many minutes this time" };
        var command = new Command("train", "Train an agent with MuZero") { config, set, device, runDir, resume, seed, steps, minutes };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch),
            parse.GetValue(config), CommonOptions.Overrides(parse.GetValue(set)), parse.GetValue(device)!, parse.GetValue(runDir), parse.GetValue(resume),
            parse.GetValue(seed), parse.GetValue(steps), parse.GetValue(minutes))));
        return command;
    }

    private static int Run(string? libTorch, string? configPath, IReadOnlyList<ConfigOverride> overrides, string device, string? runDir, string? resume,
        ulong? seed, long? steps, double? minutes)
    {
        if (steps is long n && n < 1) throw new ArgumentException($"--steps must be >= 1, got {n}");
        if (minutes is double m && !(m > 0 && double.IsFinite(m))) throw new ArgumentException($"--max-minutes must be a positive number, got {m}");
        // Before the loggers, which keep the stderr writer they find; null when stderr is redirected.
        using var statusLine = LiveStatusLine.StartIfInteractive();
        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");

        ExperimentConfig? config = null; // a resumed run's comes from its checkpoint, read below
        if (resume is not null)
        {
            if (configPath is not null) throw new ArgumentException("--resume continues with the run's own config; do not pass --config as well");
            if (overrides.Count > 0) throw new ArgumentException("--set cannot change a resumed run: it continues with the config recorded in its checkpoint");
            if (seed is not null) throw new ArgumentException("--seed cannot change a resumed run: its random streams continue from the checkpoint");
            if (runDir is not null && Path.GetFullPath(runDir) != Path.GetFullPath(resume))
                throw new ArgumentException("--run-dir cannot differ from --resume: a resumed run continues in its own directory");
        }
        else
        {
            // Two ways to set one field would leave one of them silently ignored.
            (string Option, bool Given, string Field)[] shorthands =
                [("--seed", seed is not null, "seed"), ("--steps", steps is not null, "training.training_steps"), ("--max-minutes", minutes is not null, "training.max_wall_minutes")];
            foreach (var (option, given, field) in shorthands)
                if (given && overrides.Any(o => o.Field == field || field.StartsWith(o.Field + ".", StringComparison.Ordinal)))
                    throw new ArgumentException($"{option} and --set {field} both set {field}; pass one");
            config = configPath is null ? DefaultConfig.Load(overrides) : ConfigLoader.Load(configPath, overrides);
            if (seed is ulong s) config = config with { Seed = s };
            if (steps is long budget) config = config with { Training = config.Training with { TrainingSteps = budget } };
            if (minutes is double limit) config = config with { Training = config.Training with { MaxWallMinutes = limit } };
            ConfigLoader.Validate(config, $"{configPath ?? DefaultConfig.Source()} with the command-line overrides");
            if (overrides.Count > 0) logger.LogInformation("Config overrides: {Overrides}", string.Join(" ", overrides));
        }

        TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = DeviceSelection.Resolve(device, logger);

        RunDirectory directory;
        Checkpoint? checkpoint = null;
        bool created = false;
        if (resume is not null)
        {
            (directory, checkpoint) = TrainingSession.OpenForResume(resume, logger);
            config = checkpoint.Config;
            if (steps is long stopAt && stopAt <= checkpoint.Counters.TrainingStep)
            {
                directory.Dispose();
                throw new ArgumentException($"--steps {stopAt} is not beyond update {checkpoint.Counters.TrainingStep} of {checkpoint.Path}");
            }
        }
        else
        {
            string root = runDir ?? RunDirectory.NewPath("runs", config!.Name);
            created = !Directory.Exists(root);
            directory = RunDirectory.CreateNew(root);
        }

        using (directory)
        {
            using var signals = new StopSignals(logger);
            var outcome = TrainingSession.Run(config!, directory, checkpoint, created, torchDevice, logger, signals.Token, statusLine,
                stopAtStep: resume is null ? null : steps, maxMinutes: resume is null ? null : minutes);
            Console.WriteLine(outcome.CheckpointPath);
            return outcome.Reason == StopReason.Cancelled ? signals.ExitCode : 0;
        }
    }
}
