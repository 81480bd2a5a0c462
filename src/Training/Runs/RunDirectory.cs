namespace MuZero.Training.Runs;

/// <summary>
/// Layout of a run directory: <c>config.json</c> (resolved config), <c>metrics.jsonl</c> (one JSON object per
/// line), <c>checkpoints/latest.ckpt</c>, <c>checkpoints/best.ckpt</c> (best evaluation) and <c>checkpoints/step-N.ckpt</c>.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>Sub-folder holding checkpoints.</summary>
    public const string CheckpointFolder = "checkpoints";

    /// <summary>File name of the most recent checkpoint.</summary>
    public const string LatestCheckpointName = "latest.ckpt";

    /// <summary>Opens (creating if needed) the run directory at <paramref name="root"/>.</summary>
    public RunDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, CheckpointFolder));
    }

    /// <summary>Absolute path of the run directory.</summary>
    public string Root { get; }

    /// <summary>The resolved config of the run.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");

    /// <summary>Metrics as JSON lines.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");

    /// <summary>The most recent checkpoint.</summary>
    public string LatestCheckpointPath => Path.Combine(Root, CheckpointFolder, LatestCheckpointName);

    /// <summary>The checkpoint with the best evaluation score so far.</summary>
    public string BestCheckpointPath => Path.Combine(Root, CheckpointFolder, "best.ckpt");

    /// <summary>The checkpoint kept for update <paramref name="step"/>.</summary>
    public string CheckpointPath(long step) => Path.Combine(Root, CheckpointFolder, $"step-{step}.ckpt");

    /// <summary>A fresh run directory name under <paramref name="parent"/>: <c>{name}-{yyyyMMdd-HHmmss}</c>.</summary>
    public static string NewPath(string parent, string name) =>
        Path.Combine(parent, $"{name}-{DateTime.Now:yyyyMMdd-HHmmss}");
}
