namespace MuZero.Training.Statistics;

/// <summary>
/// The Wilson score interval for a binomial proportion (e.g. the share of test positions where an agent errs).
/// </summary>
/// <remarks>
/// Why Wilson: it is the set of proportions p that a score test at p does not reject, with the variance p(1 - p)/n taken
/// at the candidate p rather than at the observed share, so it keeps a sensible width at 0 and n successes (where the
/// normal interval collapses to a point) and its coverage stays near the nominal level for small counts. Closed form:
/// (p̂ + z²/2n ± z sqrt(p̂(1 - p̂)/n + z²/4n²)) / (1 + z²/n). For games with draws see
/// <see cref="Evaluation.ScoreInterval"/>, which reduces to this interval when there are none.
/// </remarks>
public static class WilsonInterval
{
    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="trials"/> at normal quantile <paramref name="z"/> (default: 95%).</summary>
    /// <exception cref="ArgumentException">No trials, a count outside 0..trials, or a non-positive <paramref name="z"/>.</exception>
    public static ConfidenceInterval Of(int successes, int trials, double z = Evaluation.ScoreInterval.Z95)
    {
        if (trials < 1) throw new ArgumentException($"a proportion needs at least one trial, got {trials}", nameof(trials));
        if (successes < 0 || successes > trials) throw new ArgumentException($"successes must be in 0..{trials}, got {successes}", nameof(successes));
        if (!(z > 0) || double.IsInfinity(z)) throw new ArgumentException($"z must be positive and finite, got {z}", nameof(z));
        double n = trials, p = successes / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // At 0 or n successes one end is exactly 0 or 1; rounding must not leave it a hair away.
        double low = successes == 0 ? 0 : Math.Max(0, centre - half);
        double high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new ConfidenceInterval(low, high);
    }
}
