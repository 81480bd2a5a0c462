using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Training.Evaluation;

/// <summary>The games of a round robin: the pairwise totals the rating fit reads, and each match split by seat.</summary>
/// <param name="Results">Wins, draws and losses of every pair.</param>
/// <param name="Matches">One entry per pair, in the order played.</param>
public sealed record RoundRobinResult(PairwiseResults Results, IReadOnlyList<PairResult> Matches);
