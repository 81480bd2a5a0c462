using MuZero.Randomness;

namespace MuZero.Training.Statistics;

/// <summary>
/// Percentile confidence intervals by the stratified bootstrap (Agarwal et al., 2021): each resample draws, in every
/// stratum (a task, e.g. one game), as many runs as the stratum has, uniformly with replacement from that stratum's
/// runs, pools the strata and computes the statistic; the interval is the (1-c)/2 and (1+c)/2 percentiles of the
/// resampled statistics. With one stratum (one game, several seeds) it is the plain bootstrap over runs. The random
/// stream is seeded, so an interval is reproducible.
/// </summary>
public static class StratifiedBootstrap
{
    /// <summary>Resamples used unless a caller asks for another number.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Seed of the resampling stream unless a caller asks for another.</summary>
    public const ulong DefaultSeed = 0;

    /// <summary>
    /// The <paramref name="confidence"/> percentile interval of <paramref name="statistic"/> over
    /// <paramref name="resamples"/> stratified resamples of <paramref name="strata"/> (each an array of per-run scores).
    /// </summary>
    /// <exception cref="ArgumentException">No strata, an empty stratum, fewer than one resample, or a confidence outside (0, 1).</exception>
    public static ConfidenceInterval Interval(IReadOnlyList<double[]> strata, Func<double[], double> statistic,
        double confidence = 0.95, int resamples = DefaultResamples, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentNullException.ThrowIfNull(statistic);
        if (strata.Count == 0 || strata.Any(s => s.Length == 0)) throw new ArgumentException("every stratum needs at least one run", nameof(strata));
        if (resamples < 1) throw new ArgumentException($"resamples must be >= 1, got {resamples}", nameof(resamples));
        if (!(confidence is > 0 and < 1)) throw new ArgumentException($"confidence must be in (0, 1), got {confidence}", nameof(confidence));

        var rng = new Xoshiro256(seed);
        double[] sample = new double[strata.Sum(s => s.Length)];
        double[] statistics = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            int k = 0;
            foreach (double[] stratum in strata)
                for (int i = 0; i < stratum.Length; i++)
                    sample[k++] = stratum[rng.NextInt(stratum.Length)];
            statistics[r] = statistic(sample);
        }
        Array.Sort(statistics);
        double tail = (1 - confidence) / 2;
        return new ConfidenceInterval(Percentile(statistics, tail), Percentile(statistics, 1 - tail));
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> values, interpolating linearly between
    /// order statistics at position q (n - 1) (numpy's default, "type 7").
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty) throw new ArgumentException("no values", nameof(sorted));
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
