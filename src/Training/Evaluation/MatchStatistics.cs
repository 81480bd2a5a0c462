using System.Globalization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// What a series of games says about the relative strength of two players: the mean score with its confidence
/// interval (<see cref="ScoreInterval.Trinomial"/>) and the Elo difference both imply (<see cref="EloDifference"/>).
/// Elo values are ±infinity where the score or an interval end is 1 or 0.
/// </summary>
public sealed record MatchStatistics(
    WinDrawLoss Counts,
    double Score,
    ScoreInterval ScoreInterval,
    double Elo,
    double EloLow,
    double EloHigh,
    double Confidence)
{
    /// <summary>Name of the interval method, as reports print it.</summary>
    public const string IntervalMethod = "trinomial score (Wilson) interval";

    /// <summary>The statistics of <paramref name="counts"/> at 95% confidence.</summary>
    /// <exception cref="ArgumentException">No games or a negative count.</exception>
    public static MatchStatistics From(WinDrawLoss counts)
    {
        var interval = ScoreInterval.Trinomial(counts, ScoreInterval.Z95);
        double score = counts.Score;
        return new MatchStatistics(counts, score, interval, EloDifference.FromScore(score),
            EloDifference.FromScore(interval.Low), EloDifference.FromScore(interval.High), ScoreInterval.Confidence95);
    }

    /// <summary>"score 0.950 (95% CI 0.913 .. 0.972)".</summary>
    public string DescribeScore() => string.Create(CultureInfo.InvariantCulture,
        $"score {Score:F3} ({Confidence * 100:0}% CI {ScoreInterval.Low:F3} .. {ScoreInterval.High:F3})");

    /// <summary>"Elo +512 (95% CI +408 .. +619)", or with an open end: "Elo +inf (95% CI &gt;= +687)".</summary>
    public string DescribeElo() => string.Create(CultureInfo.InvariantCulture,
        $"Elo {EloDifference.Format(Elo)} ({Confidence * 100:0}% CI {EloDifference.FormatInterval(EloLow, EloHigh)})");
}
