namespace MuZero.Training.Evaluation;

/// <summary>
/// One checkpoint's measured strength: its training step, the value (a match score, or a mistake rate on one test set)
/// and that value's 95% interval.
/// </summary>
/// <param name="Series">What was measured: <c>vs OPPONENT</c> for a match, the set's name for test positions.</param>
/// <param name="Step">The checkpoint's learner update.</param>
/// <param name="Value">The score (0..1) or the mistake rate (0..1).</param>
/// <param name="Low">Lower end of the value's interval.</param>
/// <param name="High">Upper end of the value's interval.</param>
public sealed record StrengthPoint(string Series, long Step, double Value, double Low, double High);
