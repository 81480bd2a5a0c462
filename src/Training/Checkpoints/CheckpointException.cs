namespace MuZero.Training.Checkpoints;

/// <summary>A checkpoint is missing, truncated, corrupt or does not fit the network; the message is one line naming the file.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
