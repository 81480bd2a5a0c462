using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class ReturnStatisticsTests
{
    [Fact]
    public void MeanMedianAndStandardErrorByHand()
    {
        var s = ReturnStatistics.From([10, 1, 3, 2]);
        Assert.Equal(4, s.Episodes);
        Assert.Equal(4.0, s.Mean);
        Assert.Equal(2.5, s.Median);
        double std = Math.Sqrt((9 + 4 + 1 + 36) / 3.0); // sample deviation (N - 1)
        Assert.Equal(std, s.StandardDeviation, 12);
        Assert.Equal(std / 2, s.StandardError, 12);
        Assert.Equal((1.0, 10.0), (s.Min, s.Max));

        var odd = ReturnStatistics.From([5, -1, 7]);
        Assert.Equal(5, odd.Median);
        var single = ReturnStatistics.From([3]);
        Assert.Equal((3.0, 3.0, 0.0, 0.0), (single.Mean, single.Median, single.StandardDeviation, single.StandardError));
        Assert.Throws<ArgumentException>(() => ReturnStatistics.From([]));
    }
}
