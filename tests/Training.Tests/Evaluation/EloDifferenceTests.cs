using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class EloDifferenceTests
{
    [Fact]
    public void ScoresMapToTheLogisticRatingDifference()
    {
        Assert.Equal(0, EloDifference.FromScore(0.5));
        Assert.Equal(400 * Math.Log10(3), EloDifference.FromScore(0.75), 1e-12); // 190.85
        Assert.Equal(-400 * Math.Log10(3), EloDifference.FromScore(0.25), 1e-12);
        Assert.Equal(400, EloDifference.FromScore(10.0 / 11), 1e-9);          // odds 10:1
        Assert.Equal(double.PositiveInfinity, EloDifference.FromScore(1));
        Assert.Equal(double.NegativeInfinity, EloDifference.FromScore(0));
        Assert.Equal(0.75, EloDifference.ToScore(EloDifference.FromScore(0.75)), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => EloDifference.FromScore(1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EloDifference.FromScore(double.NaN));
    }

    [Fact]
    public void StatisticsOfKnownCounts()
    {
        // 90/10/0: score 0.95, Elo 400 log10(19) = 511.50, interval from the score interval's ends 0.91282 and 0.97239.
        var s = MatchStatistics.From(new WinDrawLoss(90, 10, 0));
        Assert.Equal(0.95, s.Score, 1e-12);
        Assert.Equal(400 * Math.Log10(19), s.Elo, 1e-9);
        Assert.Equal(407.98113, s.EloLow, 1e-4);
        Assert.Equal(618.68007, s.EloHigh, 1e-4);
        Assert.Equal("score 0.950 (95% CI 0.913 .. 0.972)", s.DescribeScore());
        Assert.Equal("Elo +512 (95% CI +408 .. +619)", s.DescribeElo());

        // 50/0/50 and 30/40/30: even, the draws narrowing the Elo interval from ±68 to ±53.
        Assert.Equal("Elo 0 (95% CI -68 .. +68)", MatchStatistics.From(new WinDrawLoss(50, 0, 50)).DescribeElo());
        Assert.Equal("Elo 0 (95% CI -53 .. +53)", MatchStatistics.From(new WinDrawLoss(30, 40, 30)).DescribeElo());
    }

    [Fact]
    public void AllWinsOrAllLossesLeaveOneEndOpen()
    {
        // 200/0/0: the score interval is [200/(200+z^2), 1], so the Elo difference is at least 400 log10(200/z^2) = 686.6.
        var wins = MatchStatistics.From(new WinDrawLoss(200, 0, 0));
        Assert.Equal(double.PositiveInfinity, wins.Elo);
        Assert.Equal(400 * Math.Log10(200 / (ScoreInterval.Z95 * ScoreInterval.Z95)), wins.EloLow, 1e-9);
        Assert.Equal(double.PositiveInfinity, wins.EloHigh);
        Assert.Equal("Elo +inf (95% CI >= +687)", wins.DescribeElo());
        Assert.Equal("score 1.000 (95% CI 0.981 .. 1.000)", wins.DescribeScore());

        var losses = MatchStatistics.From(new WinDrawLoss(0, 0, 200));
        Assert.Equal(double.NegativeInfinity, losses.Elo);
        Assert.Equal(-wins.EloLow, losses.EloHigh, 1e-9);
        Assert.Equal("Elo -inf (95% CI <= -687)", losses.DescribeElo());
        Assert.Equal("unbounded", EloDifference.FormatInterval(double.NegativeInfinity, double.PositiveInfinity));
    }
}
