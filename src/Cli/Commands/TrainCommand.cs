using System.CommandLine;
using Microsoft.Extensions.Logging;
using MuZero.Devices;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;

namespace MuZero.Cli.Commands;

/// <summary><c>muzero train</c>: runs a training job to its budget, showing progress; Ctrl-C stops cleanly with a checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var config = new Option<string?>("--config") { Description = $"experiment config (JSON); default: the embedded configs/{DefaultConfig.Name}.json" };
        var device = CommonOptions.Device();
        var runDir = new Option<string?>("--run-dir") { Description = "run directory (default: runs/<name>-<timestamp>, or the resumed run's)" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this directory from its latest checkpoint" };
        var seed = new Option<ulong?>("--seed") { Description = "override the config's seed" };
        var steps = new Option<long?>("--steps") { Description = "override training.training_steps" };
        var minutes = new Option<double?>("--max-minutes") { Description = "override training.max_wall_minutes" };
        var command = new Command("train", "Train an agent with MuZero") { config, device, runDir, resume, seed, steps, minutes };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch),
            parse.GetValue(config), parse.GetValue(device)!, parse.GetValue(runDir), parse.GetValue(resume),
            parse.GetValue(seed), parse.GetValue(steps), parse.GetValue(minutes))));
        return command;
    }

    private static int Run(string? libTorch, string? configPath, string device, string? runDir, string? resume, ulong? seed, long? steps, double? minutes)
    {
        using var loggers = Logging.CreateFactory();
        var logger = loggers.CreateLogger("muzero");
        Checkpoint? checkpoint = null;
        ExperimentConfig config;
        if (resume is not null)
        {
            if (!Directory.Exists(resume)) throw new ArgumentException($"--resume {resume}: no such run directory");
            checkpoint = Checkpoint.Load(Checkpoint.Resolve(resume));
            if (configPath is not null) throw new ArgumentException("--resume continues with the run's own config; do not pass --config as well");
            config = checkpoint.Config;
            runDir ??= resume;
        }
        else
        {
            config = configPath is null ? DefaultConfig.Load() : ConfigLoader.Load(configPath);
        }
        if (seed is ulong s) config = config with { Seed = s };
        if (steps is long n) config = config with { Training = config.Training with { TrainingSteps = n } };
        if (minutes is double m) config = config with { Training = config.Training with { MaxWallMinutes = m } };
        ConfigLoader.Validate(config, configPath ?? "command line");

        TorchRuntime.Prepare(libTorch, logger);
        var torchDevice = DeviceSelection.Resolve(device, logger);
        var directory = new RunDirectory(runDir ?? RunDirectory.NewPath("runs", config.Name));
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            logger.LogWarning("Ctrl-C: stopping after the current step and writing a checkpoint");
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var run = new TrainingRun(config, directory, torchDevice, logger, checkpoint);
            if (checkpoint is not null)
                logger.LogInformation("Resumed from {Path} at update {Step} (the replay buffer starts empty and refills)", checkpoint.Path, checkpoint.Counters.TrainingStep);
            string final = run.Run(cancellation.Token);
            Console.WriteLine(final);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
