using MuZero.Training.Checkpoints;

namespace MuZero.Training.Runs;

/// <summary>
/// Layout of a run directory: <c>config.json</c> (resolved config), <c>metrics.jsonl</c> (one JSON object per
/// line), <c>checkpoints/latest.ckpt</c> (with the replay buffer and unfinished games, for exact resume),
/// <c>checkpoints/best.ckpt</c> (best evaluation) and <c>checkpoints/step-N.ckpt</c> (weights, optimizer and
/// counters), <c>events.out.tfevents.*</c> (TensorBoard event files, one per training process, see
/// <see cref="TensorBoardWriter"/>), and <c>run.lock</c>, held while a process trains in it.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    /// <summary>Sub-folder holding checkpoints.</summary>
    public const string CheckpointFolder = "checkpoints";

    /// <summary>File name of the most recent checkpoint.</summary>
    public const string LatestCheckpointName = "latest.ckpt";

    private const string LockName = "run.lock";

    private readonly FileStream _lock;

    private RunDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, CheckpointFolder));
        try
        {
            // On Unix .NET backs FileShare.None with an advisory lock that the kernel drops when the process dies.
            _lock = new FileStream(Path.Combine(Root, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new RunDirectoryException($"{Root}: run directory is in use by another training process", e);
        }
    }

    /// <summary>Creates the directory of a new run; refuses one that already holds files, so no earlier run is overwritten.</summary>
    /// <exception cref="RunDirectoryException">The directory is not empty, or in use.</exception>
    public static RunDirectory CreateNew(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new RunDirectoryException($"{Path.GetFullPath(root)}: run directory is not empty; pass --resume {root} to continue that run, or choose another --run-dir");
        return new RunDirectory(root);
    }

    /// <summary>Opens an existing run to continue it, and deletes the temporary files of checkpoint writes a crash interrupted.</summary>
    /// <exception cref="RunDirectoryException">No such directory, or in use.</exception>
    public static RunDirectory OpenExisting(string root)
    {
        if (!Directory.Exists(root)) throw new RunDirectoryException($"{Path.GetFullPath(root)}: no such run directory");
        var directory = new RunDirectory(root);
        foreach (string stale in Directory.EnumerateFiles(Path.Combine(directory.Root, CheckpointFolder), $"{Checkpoint.TemporaryPrefix}*{Checkpoint.TemporarySuffix}"))
            File.Delete(stale);
        return directory;
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

    /// <summary>The kept step-N checkpoints, newest first.</summary>
    public IEnumerable<string> StepCheckpointsNewestFirst() =>
        Directory.EnumerateFiles(Path.Combine(Root, CheckpointFolder), "step-*.ckpt")
            .Select(path => (Path: path, Step: long.TryParse(Path.GetFileNameWithoutExtension(path)["step-".Length..], out long s) ? s : -1))
            .Where(entry => entry.Step >= 0)
            .OrderByDescending(entry => entry.Step)
            .Select(entry => entry.Path);

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a rename, so readers never see half of it.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A fresh run directory name under <paramref name="parent"/>: <c>{name}-{yyyyMMdd-HHmmss}</c>.</summary>
    public static string NewPath(string parent, string name) =>
        Path.Combine(parent, $"{name}-{DateTime.Now:yyyyMMdd-HHmmss}");

    /// <summary>Releases the directory's lock.</summary>
    public void Dispose() => _lock.Dispose();
}
