using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// Summary of the returns of N episodes, as the MinAtar paper reports them: the mean with its standard error, and the
/// median. The standard deviation is the sample one (N - 1); the standard error is that over sqrt(N).
/// </summary>
public sealed record ReturnStatistics(
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("mean_return")] double Mean,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("median_return")] double Median,
    [property: JsonPropertyName("std_return")] double StandardDeviation,
    [property: JsonPropertyName("min_return")] double Min,
    [property: JsonPropertyName("max_return")] double Max)
{
    /// <summary>The statistics of <paramref name="returns"/> (at least one; the spread of a single return is 0).</summary>
    public static ReturnStatistics From(IReadOnlyList<double> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        int n = returns.Count;
        if (n == 0) throw new ArgumentException("No returns to summarise.", nameof(returns));
        double mean = returns.Average();
        double squares = 0;
        foreach (double r in returns) squares += (r - mean) * (r - mean);
        double std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        var sorted = returns.Order().ToArray();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new ReturnStatistics(n, mean, std / Math.Sqrt(n), median, std, sorted[0], sorted[^1]);
    }
}
