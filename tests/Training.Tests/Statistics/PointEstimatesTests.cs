using MuZero.Training.Statistics;

namespace MuZero.Training.Tests.Statistics;

public sealed class PointEstimatesTests
{
    [Fact]
    public void InterquartileMeanDropsTheOuterQuartersByHand()
    {
        // n = 8: drop the 2 lowest (1, 2) and the 2 highest (7, 100); mean of 3, 4, 5, 6.
        Assert.Equal(4.5, PointEstimates.InterquartileMean([100, 3, 1, 7, 5, 2, 6, 4]));
        Assert.Equal(16, PointEstimates.Mean([100, 3, 1, 7, 5, 2, 6, 4]));
        // n = 5: drop one at each end; mean of 2, 3, 4.
        Assert.Equal(3, PointEstimates.InterquartileMean([4, 100, 2, 3, -50]));
        // n = 10: drop two at each end; mean of 3..8 = 5.5.
        Assert.Equal(5.5, PointEstimates.InterquartileMean([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
        // Up to three values nothing is dropped.
        Assert.Equal(4, PointEstimates.InterquartileMean([1, 2, 9]));
        Assert.True(double.IsNaN(PointEstimates.InterquartileMean([])));
    }
}
