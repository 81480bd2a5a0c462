namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// The result of <see cref="EloRatingFit.Fit"/>: every player's rating with its interval, in the players' order, and
/// the covariance of the ratings, from which the interval of any difference follows.
/// </summary>
public sealed class EloRatings
{
    private readonly double[,] _covariance; // [n, n], Elo², on the anchored scale

    internal EloRatings(IReadOnlyList<PlayerRating> players, double[,] covariance, RatingAnchor anchor, int priorDraws, double z, int iterations)
    {
        Players = players;
        _covariance = covariance;
        Anchor = anchor;
        PriorDraws = priorDraws;
        Z = z;
        Iterations = iterations;
    }

    /// <summary>The players' ratings, in the order of <see cref="PairwiseResults.Players"/>.</summary>
    public IReadOnlyList<PlayerRating> Players { get; }

    /// <summary>What the ratings are relative to.</summary>
    public RatingAnchor Anchor { get; }

    /// <summary>Virtual draws added to every pair that played (0: the plain maximum-likelihood fit).</summary>
    public int PriorDraws { get; }

    /// <summary>The normal quantile of the intervals (1.96 for 95%).</summary>
    public double Z { get; }

    /// <summary>Newton iterations the fit took.</summary>
    public int Iterations { get; }

    /// <summary>Covariance of the ratings of players <paramref name="i"/> and <paramref name="k"/> on the anchored scale, in Elo².</summary>
    public double Covariance(int i, int k) => _covariance[i, k];

    /// <summary>
    /// The rating difference of player <paramref name="i"/> over player <paramref name="k"/> with its standard error
    /// (which does not depend on the anchor): sqrt(Var r_i + Var r_k - 2 Cov(r_i, r_k)).
    /// </summary>
    public (double Difference, double StandardError) Difference(int i, int k)
    {
        double variance = _covariance[i, i] + _covariance[k, k] - 2 * _covariance[i, k];
        return (Players[i].Elo - Players[k].Elo, Math.Sqrt(Math.Max(0, variance)));
    }
}
