namespace MuZero.Training.Runs;

/// <summary>What one in-run evaluation yields for the run's bookkeeping.</summary>
/// <param name="Score">The mean greedy return (single-player) or (wins + draws / 2) / games (two-player): the number the best checkpoint is kept by.</param>
/// <param name="GoalReached">Whether the evaluation met <c>evaluation.stop_at</c> (false where none is set).</param>
public readonly record struct EvaluationScore(double Score, bool GoalReached);
