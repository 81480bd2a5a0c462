namespace MuZero.Training.Statistics;

/// <summary>
/// The point estimates an experiment reports across runs (Agarwal et al., 2021, "Deep RL at the Edge of the
/// Statistical Precipice"): the mean, and the interquartile mean, which is robust to a few outlying runs and far less
/// noisy than the median.
/// </summary>
public static class PointEstimates
{
    /// <summary>The arithmetic mean; NaN for no values.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return double.NaN;
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>
    /// The interquartile mean: the mean of the values left after dropping the ⌊n/4⌋ smallest and the ⌊n/4⌋ largest of
    /// the n values (the 25% trimmed mean, as <c>scipy.stats.trim_mean(x, 0.25)</c>, which rliable uses). Up to three
    /// values nothing is dropped, so it equals the mean; NaN for no values.
    /// </summary>
    public static double InterquartileMean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return double.NaN;
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int cut = sorted.Length / 4;
        return Mean(sorted.AsSpan(cut, sorted.Length - 2 * cut));
    }
}
