namespace MuZero.Training.Evaluation;

/// <summary>
/// A confidence interval for the expected score per game (win 1, draw 1/2, loss 0) of a series of games:
/// the score (Rao) interval of the win/draw/loss trinomial, the generalisation of the Wilson interval to
/// games with draws.
/// </summary>
/// <remarks>
/// <para>
/// Why this interval: the per-game score takes the values 0, 1/2 and 1, so its variance at a true score p is
/// p(1 - p) - d/4 with d the draw probability. The Wilson interval is the set of p that a score test does not
/// reject, (s - p)^2 &lt;= z^2 Var(p) / N, with the variance taken at the candidate p rather than at the observed s:
/// this is what keeps it from collapsing to a single point at s = 0 or s = 1, where the observed variance is zero
/// (the naive normal interval s ± z sqrt(s(1-s)/N) then claims certainty after any number of games). With draws,
/// the variance at p also depends on the unknown draw rate, which is replaced by its maximum-likelihood value among
/// the trinomials whose score is p (profile likelihood). That constrained maximum solves
/// (N/2) d^2 - (D + W(1-p) + L p) d + 2 D p(1-p) = 0 (smaller root), so each candidate p costs a square root and
/// the endpoints are found by bisection on either side of s.
/// </para>
/// <para>
/// Properties: without draws it is exactly the Wilson interval; s = 1 gives [N / (N + z^2), 1] and s = 0 its mirror;
/// all draws give a short interval around 1/2 that is not a point; and it uses the variance reduction that draws
/// bring, where the common shortcut of counting each draw as half a win in a binomial Wilson interval is too wide
/// (coverage near 100% instead of 95% when most games are draws). Simulated coverage at nominal 95% is 94-96% for
/// 30-100 games (see ScoreIntervalTests).
/// </para>
/// </remarks>
public readonly record struct ScoreInterval(double Low, double High)
{
    /// <summary>The standard normal quantile for a two-sided 95% interval, Φ^-1(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The confidence level that <see cref="Z95"/> gives.</summary>
    public const double Confidence95 = 0.95;

    private const int BisectionSteps = 100;

    /// <summary>The trinomial score interval for the expected score behind <paramref name="counts"/>, at normal quantile <paramref name="z"/>.</summary>
    /// <exception cref="ArgumentException">No games, a negative count, or a non-positive <paramref name="z"/>.</exception>
    public static ScoreInterval Trinomial(WinDrawLoss counts, double z = Z95)
    {
        if (counts.Wins < 0 || counts.Draws < 0 || counts.Losses < 0)
            throw new ArgumentException($"win/draw/loss counts must be >= 0, got {counts.Wins}/{counts.Draws}/{counts.Losses}", nameof(counts));
        if (counts.Games == 0) throw new ArgumentException("a score interval needs at least one game", nameof(counts));
        if (!(z > 0) || double.IsInfinity(z)) throw new ArgumentException($"z must be positive and finite, got {z}", nameof(z));
        double s = counts.Score;
        double critical = z * z;
        // The test statistic is 0 at s and grows without bound towards 0 and 1 (the variance at p = 0 or 1 is zero),
        // so each side has one crossing; s = 0 or s = 1 is its own endpoint on that side.
        double low = s <= 0 ? 0 : Bisect(counts, critical, inside: s, outside: 0);
        double high = s >= 1 ? 1 : Bisect(counts, critical, inside: s, outside: 1);
        return new ScoreInterval(low, high);
    }

    /// <summary>The score-test statistic N (s - p)^2 / Var(p), the variance taken at the profile-likelihood draw rate for score p.</summary>
    public static double TestStatistic(WinDrawLoss counts, double p)
    {
        double n = counts.Games, s = counts.Score;
        double variance = p * (1 - p) - DrawRateAtScore(counts, p) / 4;
        if (variance <= 0) return s == p ? 0 : double.PositiveInfinity;
        return n * (s - p) * (s - p) / variance;
    }

    /// <summary>
    /// The draw probability d that maximises the likelihood of <paramref name="counts"/> among trinomials with expected
    /// score <paramref name="p"/> (win p - d/2, loss 1 - p - d/2).
    /// </summary>
    public static double DrawRateAtScore(WinDrawLoss counts, double p)
    {
        double n = counts.Games, w = counts.Wins, d = counts.Draws, l = counts.Losses;
        double b = d + w * (1 - p) + l * p;
        double discriminant = Math.Max(0, b * b - 4 * n * d * p * (1 - p));
        // The smaller root, written as c / q to avoid cancellation when it is small: r = (b - sqrt) / n = 4 d p (1-p) / (b + sqrt).
        double root = b + Math.Sqrt(discriminant);
        double rate = root == 0 ? 0 : 4 * d * p * (1 - p) / root;
        return Math.Clamp(rate, 0, 2 * Math.Min(p, 1 - p));
    }

    private static double Bisect(WinDrawLoss counts, double critical, double inside, double outside)
    {
        for (int i = 0; i < BisectionSteps; i++)
        {
            double middle = 0.5 * (inside + outside);
            if (middle == inside || middle == outside) break;
            if (TestStatistic(counts, middle) > critical) outside = middle;
            else inside = middle;
        }
        return 0.5 * (inside + outside);
    }
}
