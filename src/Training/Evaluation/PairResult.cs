namespace MuZero.Training.Evaluation;

/// <summary>The match between players <paramref name="Player"/> and <paramref name="Opponent"/> (indices), from the first one's side, split by its seat.</summary>
/// <param name="Player">The player who moved first in the even-numbered games.</param>
/// <param name="Opponent">The other player.</param>
/// <param name="AsFirst">The games in which <paramref name="Player"/> moved first.</param>
/// <param name="AsSecond">The games in which <paramref name="Player"/> moved second.</param>
public sealed record PairResult(int Player, int Opponent, WinDrawLoss AsFirst, WinDrawLoss AsSecond)
{
    /// <summary>All games of the pair, from <see cref="Player"/>'s side.</summary>
    public WinDrawLoss Total => AsFirst + AsSecond;
}
