namespace MuZero.Training.Evaluation;

/// <summary>Where a round robin stands: games done of the total, and the running result of the pair in play.</summary>
/// <param name="GamesDone">Games finished, over all pairs.</param>
/// <param name="TotalGames">Games of the whole tournament.</param>
/// <param name="Pair">Index of the pair in play (0-based).</param>
/// <param name="Pairs">Number of pairs.</param>
/// <param name="Player">The first player of the pair in play.</param>
/// <param name="Opponent">The second player of the pair in play.</param>
/// <param name="Running">The pair's games so far, from <paramref name="Player"/>'s side.</param>
public sealed record RoundRobinProgress(int GamesDone, int TotalGames, int Pair, int Pairs, int Player, int Opponent, WinDrawLoss Running);
