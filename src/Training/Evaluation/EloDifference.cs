using System.Globalization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// The Elo rating difference that an expected score implies under the logistic Elo model,
/// D = 400 log10(s / (1 - s)): +infinity at s = 1 and -infinity at s = 0, where no finite difference explains the result.
/// </summary>
public static class EloDifference
{
    /// <summary>The rating difference for expected score <paramref name="score"/> in [0, 1]; ±infinity at 1 and 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside [0, 1] or NaN.</exception>
    public static double FromScore(double score)
    {
        if (!(score >= 0 && score <= 1)) throw new ArgumentOutOfRangeException(nameof(score), score, "a score must lie in [0, 1]");
        if (score == 0) return double.NegativeInfinity;
        if (score == 1) return double.PositiveInfinity;
        return 400 * Math.Log10(score / (1 - score));
    }

    /// <summary>The expected score of a player rated <paramref name="difference"/> above its opponent: 1 / (1 + 10^(-D/400)).</summary>
    public static double ToScore(double difference) => 1 / (1 + Math.Pow(10, -difference / 400));

    /// <summary>
    /// A difference as text, signed and rounded to a whole point: "+512", "-7", "0"; infinities as "+inf" and "-inf".
    /// </summary>
    public static string Format(double difference) => difference switch
    {
        double.PositiveInfinity => "+inf",
        double.NegativeInfinity => "-inf",
        _ when Math.Round(difference) == 0 => "0",
        _ => Math.Round(difference).ToString("+0;-0", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// An interval as text: "+408 .. +619" when both ends are finite; an end at infinity (a score interval reaching
    /// 1 or 0, i.e. no loss or no win at all) is left open: "&gt;= +687", "&lt;= -687", or "unbounded" for both.
    /// </summary>
    public static string FormatInterval(double low, double high) => (double.IsInfinity(low), double.IsInfinity(high)) switch
    {
        (false, false) => $"{Format(low)} .. {Format(high)}",
        (false, true) => $">= {Format(low)}",
        (true, false) => $"<= {Format(high)}",
        _ => "unbounded",
    };
}
