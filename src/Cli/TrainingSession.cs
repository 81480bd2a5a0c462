using Microsoft.Extensions.Logging;
using MuZero.Cli.Progress;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;
using static TorchSharp.torch;

namespace MuZero.Cli;

/// <summary>
/// Starting and continuing one training run in a run directory: what <c>train</c> and <c>train --resume</c> do, and
/// what <c>experiment</c> does for each seed.
/// </summary>
internal static class TrainingSession
{
    /// <summary>
    /// Opens the run in <paramref name="root"/> to continue it: its newest intact checkpoint (warning about any it
    /// skipped), whose config is validated and must be the directory's own.
    /// </summary>
    public static (RunDirectory Directory, Checkpoint Checkpoint) OpenForResume(string root, ILogger logger)
    {
        var directory = RunDirectory.OpenExisting(root);
        try
        {
            var checkpoint = Checkpoint.LoadNewestValid(directory, message => logger.LogWarning("{Problem}", message));
            ConfigLoader.Validate(checkpoint.Config, $"{checkpoint.Path} (embedded config)"); // loading skipped the memory check, which training needs
            CheckCheckpointBelongsToRun(directory, checkpoint);
            return (directory, checkpoint);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains <paramref name="config"/> in <paramref name="directory"/>, from <paramref name="checkpoint"/> when
    /// resuming, showing its progress on <paramref name="statusLine"/> (an interactive terminal's; null otherwise). A new
    /// run that fails to set up is removed again when this call <paramref name="created"/> its directory.
    /// </summary>
    public static TrainingOutcome Run(ExperimentConfig config, RunDirectory directory, Checkpoint? checkpoint, bool created, Device device,
        ILogger logger, CancellationToken cancellation, LiveStatusLine? statusLine, long? stopAtStep = null, double? maxMinutes = null)
    {
        TrainingRun run;
        try
        {
            run = new TrainingRun(config, directory, device, logger, checkpoint);
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
            try
            {
                return run.Run(cancellation, stopAtStep: stopAtStep, maxMinutes: maxMinutes);
            }
            finally
            {
                statusLine?.Stop();
            }
        }
    }

    /// <summary>True when the run saved in <paramref name="checkpoint"/> has nothing left to do: its update budget or its config's wall-clock limit is spent.</summary>
    public static bool IsFinished(Checkpoint checkpoint) =>
        checkpoint.Counters.TrainingStep >= checkpoint.Config.Training.TrainingSteps
        || checkpoint.Counters.GoalStep is not null
        || (checkpoint.Config.Training.MaxWallMinutes is double minutes && checkpoint.Counters.ElapsedSeconds >= minutes * 60);

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
