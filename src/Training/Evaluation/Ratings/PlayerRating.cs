namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// One player's line of a rating table: its Elo rating on the anchored scale with its standard error and confidence
/// interval, and the games behind it (real games only: virtual draws of a prior are not counted here).
/// </summary>
/// <param name="Name">The player.</param>
/// <param name="Elo">The fitted rating, in Elo points relative to the anchor.</param>
/// <param name="StandardError">Standard error of <paramref name="Elo"/> (0 for an anchored player).</param>
/// <param name="Low">Lower end of the confidence interval.</param>
/// <param name="High">Upper end of the confidence interval.</param>
/// <param name="Counts">All its games, from its side.</param>
public sealed record PlayerRating(string Name, double Elo, double StandardError, double Low, double High, WinDrawLoss Counts)
{
    /// <summary>Its mean score over all its games: (wins + draws / 2) / games.</summary>
    public double Score => Counts.Score;

    /// <summary>Games it played.</summary>
    public int Games => Counts.Games;
}
