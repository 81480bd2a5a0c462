namespace MuZero.Training.Configuration;

/// <summary>
/// An evaluation result that ends a run (<c>evaluation.stop_at</c>): the first evaluation during training that reaches
/// it stops the run, which is then finished (sample-efficiency experiments measure the steps to a goal, and
/// training on past it only costs time). Exactly one field is set, the one that fits the game.
/// </summary>
public sealed record EvaluationGoal
{
    /// <summary>Single-player games: a greedy mean return of at least this.</summary>
    public double? MinMeanReturn { get; init; }

    /// <summary>Two-player games: at most this many losses in the evaluation's games.</summary>
    public int? MaxLosses { get; init; }

    /// <summary>
    /// Whether an evaluation reaches the goal, given the value of the goal's own metric: the mean return for
    /// <see cref="MinMeanReturn"/>, the number of losses for <see cref="MaxLosses"/>.
    /// </summary>
    public bool IsReachedBy(double value) => MinMeanReturn is double min ? value >= min : MaxLosses is int max && value <= max;

    /// <summary>The goal in words, e.g. "mean return >= 475" or "at most 0 losses".</summary>
    public override string ToString() => MinMeanReturn is double min ? $"mean return >= {min:G}" : $"at most {MaxLosses} losses";
}
