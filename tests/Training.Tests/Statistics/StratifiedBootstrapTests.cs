using MuZero.Randomness;
using MuZero.Training.Statistics;

namespace MuZero.Training.Tests.Statistics;

public sealed class StratifiedBootstrapTests
{
    private static double Mean(double[] s) => PointEstimates.Mean(s);

    [Fact]
    public void PercentileInterpolatesLinearlyLikeNumpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(1.75, StratifiedBootstrap.Percentile(sorted, 0.25), 12); // position 0.75
        Assert.Equal(3.925, StratifiedBootstrap.Percentile(sorted, 0.975), 12); // position 2.925
        Assert.Equal(1, StratifiedBootstrap.Percentile(sorted, 0));
        Assert.Equal(4, StratifiedBootstrap.Percentile(sorted, 1));
    }

    [Fact]
    public void TinyFixedExamplesHaveTheirExactIntervals()
    {
        // Runs {1, 2, 3}: a resample of three is all ones with probability 1/27 (3.7%, more than the 2.5% tail) and
        // all threes as often, so the 95% interval of the mean is exactly [1, 3].
        Assert.Equal(new ConfidenceInterval(1, 3), StratifiedBootstrap.Interval([[1, 2, 3]], Mean));
        // Runs {0, 1}: the mean of a resample of two is 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4, so its 30% and 70%
        // percentiles (a 40% interval) are both 0.5.
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), StratifiedBootstrap.Interval([[0, 1]], Mean, confidence: 0.4));
    }

    [Fact]
    public void ResamplesWithinEachStratum()
    {
        // Every resample keeps three runs of each stratum, so the pooled mean is always 5; pooling the six runs into
        // one stratum instead lets it vary.
        Assert.Equal(new ConfidenceInterval(5, 5), StratifiedBootstrap.Interval([[0, 0, 0], [10, 10, 10]], Mean));
        var pooled = StratifiedBootstrap.Interval([[0, 0, 0, 10, 10, 10]], Mean);
        Assert.True(pooled.Low < 5 && pooled.High > 5, pooled.ToString());
    }

    [Fact]
    public void FixedSeedIsReproducibleAndTheIntervalHoldsTheMean()
    {
        double[] runs = [212.5, 480, 500, 371.25, 455, 500, 129, 498.5];
        var interval = StratifiedBootstrap.Interval([runs], Mean, seed: 11);
        Assert.Equal(interval, StratifiedBootstrap.Interval([runs], Mean, seed: 11));
        Assert.NotEqual(interval, StratifiedBootstrap.Interval([runs], Mean, seed: 12));
        Assert.True(interval.Contains(PointEstimates.Mean(runs)), interval.ToString());
        Assert.True(interval.Low > runs.Min() && interval.High <= runs.Max(), interval.ToString());
        var iqm = StratifiedBootstrap.Interval([runs], s => PointEstimates.InterquartileMean(s), seed: 11);
        Assert.True(iqm.Contains(PointEstimates.InterquartileMean(runs)), iqm.ToString());
    }

    [Fact]
    public void NinetyFivePercentIntervalOfTheMeanCoversTheTrueMeanInAboutNinetyFivePercentOfExperiments()
    {
        // 200 simulated experiments of 10 seeds with scores from N(5, 2^2). The percentile bootstrap is a little
        // narrow for 10 runs (about 92% coverage); intervals of the wrong width (e.g. 50% ones, or no resampling)
        // land far outside this range.
        var rng = new Xoshiro256(2021);
        int covered = 0;
        const int experiments = 200;
        for (int e = 0; e < experiments; e++)
        {
            double[] runs = new double[10];
            for (int i = 0; i < runs.Length; i++) runs[i] = 5 + 2 * rng.NextGaussian();
            if (StratifiedBootstrap.Interval([runs], Mean, seed: (ulong)e).Contains(5)) covered++;
        }
        Assert.InRange(covered / (double)experiments, 0.88, 0.99);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => StratifiedBootstrap.Interval([], Mean));
        Assert.Throws<ArgumentException>(() => StratifiedBootstrap.Interval([[]], Mean));
        Assert.Throws<ArgumentException>(() => StratifiedBootstrap.Interval([[1.0]], Mean, confidence: 1));
        Assert.Throws<ArgumentException>(() => StratifiedBootstrap.Interval([[1.0]], Mean, resamples: 0));
    }
}
