namespace MuZero.Environments;

/// <summary>
/// The static evaluation the board games share: every window (a run of win-length cells along a row, column or
/// diagonal) that holds stones of one player only can still become that player's line, and counts for that player
/// by how full it is. Windows holding both players' stones are dead and count nothing.
/// </summary>
internal static class WindowScore
{
    /// <summary>
    /// Score of one window with <paramref name="own"/> stones of the player to move and <paramref name="opponent"/> of
    /// the other player: 4^(k-1) for k stones of one player only (one more stone outweighs several windows with one
    /// fewer), negative for the opponent's, capped at 4^10 so long lines on large boards stay far below
    /// <see cref="IBoardGame.HeuristicLimit"/>.
    /// </summary>
    public static int Of(int own, int opponent)
    {
        if (own > 0) return opponent > 0 ? 0 : Weight(own);
        return opponent > 0 ? -Weight(opponent) : 0;
    }

    /// <summary>Clamps a sum of window scores into the range <see cref="IBoardGame.Heuristic"/> promises.</summary>
    public static int Clamp(long sum) => (int)Math.Clamp(sum, 1 - IBoardGame.HeuristicLimit, IBoardGame.HeuristicLimit - 1);

    private static int Weight(int stones) => 1 << (2 * Math.Min(stones - 1, 10));
}
