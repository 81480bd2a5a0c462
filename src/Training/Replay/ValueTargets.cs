namespace MuZero.Training.Replay;

/// <summary>
/// n-step value targets z_t = u_{t+1} + d u_{t+2} + ... + d^{n-1} u_{t+n} + d^n v_{t+n}, with d = gamma for
/// single-player games and d = -gamma for two-player zero-sum games (each value is from the point of
/// view of the player to move, each reward from the mover's). Past a terminal state the value is 0
/// (absorbing); past a truncation the missing tail bootstraps from the last root value.
/// </summary>
public static class ValueTargets
{
    /// <summary>Writes z_t for every t of <paramref name="game"/> into <paramref name="destination"/> (length T).</summary>
    public static void Compute(GameHistory game, int tdSteps, double discount, bool twoPlayer, Span<float> destination)
    {
        int length = game.Length;
        if (destination.Length != length) throw new ArgumentException($"destination has {destination.Length} entries, game {length}");
        double d = twoPlayer ? -discount : discount;
        for (int t = 0; t < length; t++) destination[t] = (float)At(game, t, tdSteps, d);
    }

    /// <summary>z_t with the signed per-ply discount <paramref name="d"/>.</summary>
    public static double At(GameHistory game, int t, int tdSteps, double d)
    {
        int length = game.Length;
        int bootstrap = t + tdSteps;
        double value = 0, factor = 1;
        for (int i = t; i < Math.Min(bootstrap, length); i++)
        {
            value += factor * game.Reward(i);
            factor *= d;
        }
        if (bootstrap < length)
        {
            value += factor * game.RootValue(bootstrap);
        }
        else if (game.Truncated && length > 0)
        {
            value += factor * TruncatedValue(game, d);
        }
        return value;
    }

    /// <summary>Estimated V(s_T) of the state where a truncated episode was cut.</summary>
    public static double AfterTruncation(GameHistory game, double discount, bool twoPlayer) =>
        TruncatedValue(game, twoPlayer ? -discount : discount);

    // V(s_T) is not stored: estimate it from the last search, v_{T-1} = u_T + d V(s_T).
    private static double TruncatedValue(GameHistory game, double d) =>
        (game.RootValue(game.Length - 1) - game.Reward(game.Length - 1)) / d;
}
