using MuZero.Randomness;
using MuZero.Search;

namespace MuZero.Tests.Search;

public sealed class ActionSelectionTests
{
    [Fact]
    public void ZeroTemperaturePicksTheMostVisitedLowestIndexOnTies()
    {
        var rng = new Xoshiro256(1);
        Assert.Equal(2, ActionSelection.SelectAction([3, 0, 9, 1], 0, rng));
        Assert.Equal(1, ActionSelection.SelectAction([0, 7, 2, 7], 0, rng));
    }

    [Fact]
    public void UnitTemperatureSamplesProportionallyToVisits()
    {
        int[] visits = [10, 0, 30, 60];
        var rng = new Xoshiro256(7);
        var counts = new int[visits.Length];
        const int draws = 40_000;
        for (int i = 0; i < draws; i++) counts[ActionSelection.SelectAction(visits, 1.0, rng)]++;
        Assert.Equal(0, counts[1]);
        for (int a = 0; a < visits.Length; a++)
            Assert.Equal(visits[a] / 100.0, counts[a] / (double)draws, 0.01);
    }

    [Fact]
    public void TemperatureSharpensTheDistribution()
    {
        // T = 0.5 squares the counts: [1, 4] / 5.
        int[] visits = [1, 2];
        var rng = new Xoshiro256(3);
        int ones = 0;
        const int draws = 20_000;
        for (int i = 0; i < draws; i++) ones += ActionSelection.SelectAction(visits, 0.5, rng);
        Assert.Equal(0.8, ones / (double)draws, 0.015);
    }

    [Fact]
    public void TinyTemperatureBehavesLikeArgmaxWithoutOverflow()
    {
        int[] visits = [400, 0, 300, 1]; // (300 / 400)^(1 / 1e-3) underflows to 0
        var rng = new Xoshiro256(11);
        foreach (double t in new[] { 1e-3, 1e-30, 1e-300, double.Epsilon })
            for (int i = 0; i < 200; i++) Assert.Equal(0, ActionSelection.SelectAction(visits, t, rng));
    }

    [Fact]
    public void RejectsBadInput()
    {
        var rng = new Xoshiro256(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActionSelection.SelectAction([1, 2], -1, rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActionSelection.SelectAction([1, 2], double.NaN, rng));
        Assert.Throws<ArgumentException>(() => ActionSelection.SelectAction([0, 0], 1, rng));
        Assert.Throws<ArgumentException>(() => ActionSelection.SelectAction([], 1, rng));
    }
}
