using MuZero.Randomness;
using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class ScoreIntervalTests
{
    private const double Z = ScoreInterval.Z95;
    private const double Z2 = Z * Z;

    /// <summary>The binomial Wilson interval for k successes of n, from its closed form.</summary>
    private static (double Low, double High) Wilson(double k, int n)
    {
        double p = k / n;
        double center = (p + Z2 / (2 * n)) / (1 + Z2 / n);
        double half = Z / (1 + Z2 / n) * Math.Sqrt(p * (1 - p) / n + Z2 / (4.0 * n * n));
        return (center - half, center + half);
    }

    private static void AssertInterval(double low, double high, ScoreInterval actual, double tolerance = 1e-9)
    {
        Assert.Equal(low, actual.Low, tolerance);
        Assert.Equal(high, actual.High, tolerance);
    }

    [Fact]
    public void WithoutDrawsItIsTheWilsonInterval()
    {
        // 50/0/50: Wilson at p = 1/2, n = 100: 0.5 ± 0.0961685.
        AssertInterval(0.4038315304, 0.5961684696, ScoreInterval.Trinomial(new WinDrawLoss(50, 0, 50)));
        var (low, high) = Wilson(50, 100);
        AssertInterval(low, high, ScoreInterval.Trinomial(new WinDrawLoss(50, 0, 50)), 1e-12);
        foreach (var (w, l) in new[] { (1, 0), (7, 3), (2, 19), (123, 45) })
        {
            (low, high) = Wilson(w, w + l);
            AssertInterval(low, high, ScoreInterval.Trinomial(new WinDrawLoss(w, 0, l)), 1e-12);
        }
    }

    [Fact]
    public void AllWinsAndAllLossesKeepAWidthOnTheOpenSide()
    {
        // s = 1: the score test gives N (1 - p)^2 = z^2 p (1 - p), so p = N / (N + z^2) = 0.98115; the naive interval would be [1, 1].
        AssertInterval(200 / (200 + Z2), 1, ScoreInterval.Trinomial(new WinDrawLoss(200, 0, 0)), 1e-12);
        Assert.Equal(0.9811546736, ScoreInterval.Trinomial(new WinDrawLoss(200, 0, 0)).Low, 1e-9);
        AssertInterval(0, Z2 / (200 + Z2), ScoreInterval.Trinomial(new WinDrawLoss(0, 0, 200)), 1e-12);
        AssertInterval(1 / (1 + Z2), 1, ScoreInterval.Trinomial(new WinDrawLoss(1, 0, 0)), 1e-12);
    }

    [Fact]
    public void AllDrawsGiveANarrowIntervalThatIsNotAPoint()
    {
        // D = N: the draw rate profiled at p > 1/2 is 2(1 - p), the variance (1 - p)(p - 1/2), and the score test
        // N (p - 1/2) / (1 - p) = z^2 ends at p = (1/2 + z^2/N) / (1 + z^2/N).
        foreach (int n in new[] { 1, 40, 200 })
        {
            double high = (0.5 + Z2 / n) / (1 + Z2 / n);
            AssertInterval(1 - high, high, ScoreInterval.Trinomial(new WinDrawLoss(0, n, 0)), 1e-12);
        }
        AssertInterval(0.4905773368, 0.5094226632, ScoreInterval.Trinomial(new WinDrawLoss(0, 200, 0)));
    }

    [Fact]
    public void MixedResultsMatchAnIndependentReference()
    {
        // Reference values from a separate implementation (Python) that maximises the constrained trinomial likelihood by
        // golden-section search instead of the quadratic, and finds the ends by bisection after checking on a 400-point grid that the statistic is monotone on each side.
        AssertInterval(0.9128171692, 0.9723854315, ScoreInterval.Trinomial(new WinDrawLoss(90, 10, 0)), 2e-9);
        AssertInterval(0.4245952476, 0.5754047525, ScoreInterval.Trinomial(new WinDrawLoss(30, 40, 30)), 2e-9);
        AssertInterval(0.4980687953, 0.8345967868, ScoreInterval.Trinomial(new WinDrawLoss(10, 5, 3)), 2e-9);
        AssertInterval(0.4463455164, 0.9772063696, ScoreInterval.Trinomial(new WinDrawLoss(3, 1, 0)), 2e-9);
    }

    [Fact]
    public void DrawsNarrowTheIntervalComparedWithCountingThemAsHalfWins()
    {
        // 30/40/30 has the same score as 50/0/50 but a smaller per-game variance (0.15 instead of 0.25).
        var withDraws = ScoreInterval.Trinomial(new WinDrawLoss(30, 40, 30));
        var (low, high) = Wilson(50, 100);
        Assert.True(withDraws.Low > low + 0.02 && withDraws.High < high - 0.02);
    }

    [Fact]
    public void SwappingWinsAndLossesMirrorsTheInterval()
    {
        foreach (var counts in new[] { new WinDrawLoss(90, 10, 0), new WinDrawLoss(10, 5, 3), new WinDrawLoss(0, 3, 7) })
        {
            var a = ScoreInterval.Trinomial(counts);
            var b = ScoreInterval.Trinomial(counts.Reversed());
            Assert.Equal(1 - a.High, b.Low, 1e-12);
            Assert.Equal(1 - a.Low, b.High, 1e-12);
        }
    }

    [Fact]
    public void DrawRateAtScoreIsTheConstrainedMaximumLikelihood()
    {
        var counts = new WinDrawLoss(12, 25, 7);
        foreach (double p in new[] { 0.2, 0.45, 0.55, 0.8 })
        {
            double best = ScoreInterval.DrawRateAtScore(counts, p);
            double LogLikelihood(double d) => counts.Wins * Math.Log(p - d / 2) + counts.Draws * Math.Log(d) + counts.Losses * Math.Log(1 - p - d / 2);
            double limit = 2 * Math.Min(p, 1 - p);
            for (int i = 1; i < 1000; i++)
            {
                double d = limit * i / 1000;
                Assert.True(LogLikelihood(d) <= LogLikelihood(best) + 1e-9, $"p {p}: d {d} beats {best}");
            }
        }
        // At the observed score the maximum is the observed draw rate.
        Assert.Equal(25.0 / 44, ScoreInterval.DrawRateAtScore(counts, counts.Score), 1e-12);
    }

    [Fact]
    public void CoverageIsCloseToNinetyFivePercent()
    {
        // Seeded simulation: the true score lies in the interval in about 95% of series (the binomial "draws as half
        // wins" shortcut gives 98-100% here, a normal interval with the observed variance 93-94%).
        var rng = new Xoshiro256(2024);
        foreach (var (win, draw, games) in new[] { (0.3, 0.4, 30), (0.1, 0.8, 50), (0.6, 0.35, 40) })
        {
            double truth = win + draw / 2;
            int covered = 0, series = 3000;
            for (int s = 0; s < series; s++)
            {
                int w = 0, d = 0, l = 0;
                for (int g = 0; g < games; g++)
                {
                    double u = rng.NextDouble();
                    if (u < win) w++;
                    else if (u < win + draw) d++;
                    else l++;
                }
                var interval = ScoreInterval.Trinomial(new WinDrawLoss(w, d, l));
                if (interval.Low <= truth && truth <= interval.High) covered++;
            }
            double coverage = (double)covered / series;
            Assert.InRange(coverage, 0.93, 0.97);
        }
    }

    [Fact]
    public void NoGamesOrNegativeCountsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ScoreInterval.Trinomial(new WinDrawLoss(0, 0, 0)));
        Assert.Throws<ArgumentException>(() => ScoreInterval.Trinomial(new WinDrawLoss(-1, 2, 0)));
    }
}
