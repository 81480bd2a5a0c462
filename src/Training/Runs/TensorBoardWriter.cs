using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace MuZero.Training.Runs;

/// <summary>
/// Scalars of a run for TensorBoard, through TorchSharp's <see cref="SummaryWriter"/>: one new event file per
/// process (<c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c>) in the run directory, beside
/// metrics.jsonl. Every scalar is appended and flushed to disk as it is written (the writer opens, appends and
/// closes the file per event), so there is nothing to close and a crash loses at most the record being written.
/// A resumed run first cuts the earlier files back to its checkpoint (<see cref="OpenForResume"/>), so no step
/// appears twice when TensorBoard reads them all as one run.
/// </summary>
public sealed class TensorBoardWriter
{
    private readonly SummaryWriter _writer;

    private TensorBoardWriter(string directory)
    {
        _writer = tensorboard.SummaryWriter(directory);
    }

    /// <summary>Starts an event file in <paramref name="directory"/> for a new run.</summary>
    public static TensorBoardWriter Create(string directory) => new(directory);

    /// <summary>
    /// For a run resumed at update <paramref name="checkpointStep"/>: cuts every event file already in
    /// <paramref name="directory"/> back to it (<see cref="TensorBoardEventFile.CutBack"/>), then starts a new one.
    /// Returns the writer and the number of records dropped.
    /// </summary>
    public static (TensorBoardWriter Writer, int Dropped) OpenForResume(string directory, long checkpointStep)
    {
        int dropped = 0;
        foreach (string file in Directory.EnumerateFiles(directory, TensorBoardEventFile.NamePrefix + "*"))
            dropped += TensorBoardEventFile.CutBack(file, checkpointStep);
        return (new TensorBoardWriter(directory), dropped);
    }

    /// <summary>
    /// Appends <paramref name="value"/> (as a 32-bit float, TensorBoard's <c>simple_value</c>) under
    /// <paramref name="tag"/> at update <paramref name="step"/>; a NaN or infinite value (nothing measured yet) is skipped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> exceeds the writer's 32-bit steps (config validation keeps runs below).</exception>
    public void Write(string tag, double value, long step)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, int.MaxValue);
        if (!double.IsFinite(value)) return;
        _writer.add_scalar(tag, (float)value, (int)step);
    }
}
