namespace MuZero.Training.Runs;

/// <summary>A run directory cannot be used as asked (not empty for a new run, in use by another process, nothing to resume); the message is one line naming it.</summary>
public sealed class RunDirectoryException(string message, Exception? inner = null) : Exception(message, inner);
