using MuZero.Training.SelfPlay;

namespace MuZero.Training.Tests;

public sealed class SearchStatisticsTests
{
    [Fact]
    public void EntropyOfVisitDistributionsIsInNats()
    {
        Assert.Equal(0, SearchStatistics.Entropy([0f, 1f, 0f]));
        Assert.Equal(Math.Log(4), SearchStatistics.Entropy([0.25f, 0.25f, 0.25f, 0.25f]), 6);
        // -(0.5 ln 0.5 + 2 * 0.25 ln 0.25) = 1.5 ln 2
        Assert.Equal(1.5 * Math.Log(2), SearchStatistics.Entropy([0.5f, 0f, 0.25f, 0.25f]), 6);
    }

    [Fact]
    public void MeansAddUpAcrossWindowsAndSurviveACheckpoint()
    {
        var statistics = new SearchStatistics();
        Assert.True(double.IsNaN(statistics.MeanRootValue));
        Assert.True(double.IsNaN(statistics.MeanPolicyEntropy));
        statistics.Add(0.5f, [1f, 0f]);
        var other = new SearchStatistics();
        other.Add(-0.25f, [0.5f, 0.5f]);
        other.Add(1f, [0.5f, 0.5f]);
        statistics.Add(other);
        Assert.Equal(3, statistics.Searches);
        Assert.Equal(1.25 / 3, statistics.MeanRootValue, 12);
        Assert.Equal(2 * Math.Log(2) / 3, statistics.MeanPolicyEntropy, 6);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) statistics.Write(writer);
        stream.Position = 0;
        var restored = new SearchStatistics();
        restored.Read(new BinaryReader(stream));
        Assert.Equal((statistics.Searches, statistics.RootValueSum, statistics.PolicyEntropySum), (restored.Searches, restored.RootValueSum, restored.PolicyEntropySum));

        statistics.Clear();
        Assert.Equal(0, statistics.Searches);
        Assert.True(double.IsNaN(statistics.MeanRootValue));
    }
}
