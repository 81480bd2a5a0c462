namespace MuZero.Training.Runs;

/// <summary>The loss or the new priorities became NaN or infinite; the run stopped without overwriting its last good checkpoint (named in the one-line message).</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
