using System.CommandLine;
using System.Runtime.InteropServices;
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
        var device = CommonOptions.Device();
        var runDir = new Option<string?>("--run-dir") { Description = "run directory for a new run; must be empty or absent (default: runs/<name>-<timestamp>)" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this directory from its latest intact checkpoint, with its replay buffer" };
        var seed = new Option<ulong?>("--seed") { Description = "override the config's seed (new runs only)" };
        var steps = new Option<long?>("--steps") { Description = "new run: override training.training_steps; with --resume: stop at this update this time, leaving the run's budget as it is" };
        var minutes = new Option<double?>("--max-minutes") { Description = "new run: override training.max_wall_minutes; with --resume: stop after this many minutes this time" };
        var command = new Command("train", "Train an agent with MuZero") { config, device, runDir, resume, seed, steps, minutes };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch),
            parse.GetValue(config), parse.GetValue(device)!, parse.GetValue(runDir), parse.GetValue(resume),
            parse.GetValue(seed), parse.GetValue(steps), parse.GetValue(minutes))));
        return command;
    }

    private static int Run(string? libTorch, string? configPath, string device, string? runDir, string? resume, ulong? seed, long? steps, double? minutes)
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
            if (seed is not null) throw new ArgumentException("--seed cannot change a resumed run: its random streams continue from the checkpoint");
            if (runDir is not null && Path.GetFullPath(runDir) != Path.GetFullPath(resume))
                throw new ArgumentException("--run-dir cannot differ from --resume: a resumed run continues in its own directory");
        }
        else
        {
            config = configPath is null ? DefaultConfig.Load() : ConfigLoader.Load(configPath);
            if (seed is ulong s) config = config with { Seed = s };
            if (steps is long budget) config = config with { Training = config.Training with { TrainingSteps = budget } };
            if (minutes is double limit) config = config with { Training = config.Training with { MaxWallMinutes = limit } };
            ConfigLoader.Validate(config, $"{configPath ?? $"embedded configs/{DefaultConfig.Name}.json"} with the command-line overrides");
        }

        TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = DeviceSelection.Resolve(device, logger);

        RunDirectory directory;
        Checkpoint? checkpoint = null;
        bool created = false;
        if (resume is not null)
        {
            directory = RunDirectory.OpenExisting(resume);
            checkpoint = Checkpoint.LoadNewestValid(directory, message => logger.LogWarning("{Problem}", message));
            config = checkpoint.Config;
            ConfigLoader.Validate(config, $"{checkpoint.Path} (embedded config)"); // loading skipped the memory check, which training needs
            CheckCheckpointBelongsToRun(directory, checkpoint);
            if (steps is long stopAt && stopAt <= checkpoint.Counters.TrainingStep)
                throw new ArgumentException($"--steps {stopAt} is not beyond update {checkpoint.Counters.TrainingStep} of {checkpoint.Path}");
        }
        else
        {
            string root = runDir ?? RunDirectory.NewPath("runs", config!.Name);
            created = !Directory.Exists(root);
            directory = RunDirectory.CreateNew(root);
        }

        using (directory)
        {
            using var cancellation = new CancellationTokenSource();
            int signalExitCode = 0;
            void OnSignal(PosixSignalContext context)
            {
                if (cancellation.IsCancellationRequested) return; // a second signal ends the process the default way
                context.Cancel = true;
                signalExitCode = context.Signal == PosixSignal.SIGTERM ? 143 : 130;
                logger.LogWarning("{Signal}: stopping after the current update and writing a checkpoint (send it again to stop at once)", context.Signal);
                cancellation.Cancel();
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

            TrainingRun run;
            try
            {
                run = new TrainingRun(config!, directory, torchDevice, logger, checkpoint);
            }
            catch when (created)
            {
                directory.Dispose();
                Directory.Delete(directory.Root, recursive: true); // nothing was trained: leave no half-made run behind
                throw;
            }
            using (run)
            {
                if (checkpoint is not null)
                {
                    logger.LogInformation(run.RestoredState
                            ? "Resumed from {Path} at update {Step} with its replay buffer and unfinished games"
                            : "Resumed from {Path} at update {Step}; it holds no replay buffer, so the buffer refills from scratch",
                        checkpoint.Path, checkpoint.Counters.TrainingStep);
                }
                statusLine?.Show(new TrainingProgressLine(run.Live).Render);
                var outcome = run.Run(cancellation.Token, stopAtStep: resume is null ? null : steps, maxMinutes: resume is null ? null : minutes);
                statusLine?.Stop();
                Console.WriteLine(outcome.CheckpointPath);
                return outcome.Reason == StopReason.Cancelled ? signalExitCode : 0;
            }
        }
    }

    /// <summary>Refuses a checkpoint whose config is not the run directory's own (another run's file copied in).</summary>
    private static void CheckCheckpointBelongsToRun(RunDirectory directory, Checkpoint checkpoint)
    {
        string saved = ConfigLoader.ToJson(checkpoint.Config);
        if (!File.Exists(directory.ConfigPath))
        {
            RunDirectory.WriteAtomically(directory.ConfigPath, saved);
            return;
        }
        ExperimentConfig own;
        try
        {
            own = ConfigLoader.Load(directory.ConfigPath);
        }
        catch (ConfigException)
        {
            RunDirectory.WriteAtomically(directory.ConfigPath, saved); // damaged: the checkpoint's copy is authoritative
            return;
        }
        if (ConfigLoader.ToJson(own) != saved)
            throw new RunDirectoryException($"{checkpoint.Path}: checkpoint is of another run ('{checkpoint.Config.Name}' on {checkpoint.Config.Environment.Name}) than {directory.ConfigPath} ('{own.Name}' on {own.Environment.Name})");
    }
}
