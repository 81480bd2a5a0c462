namespace MuZero.Environments.Tests;

public sealed class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequence()
    {
        // Reference outputs of Vigna's splitmix64.c for seed 1234567.
        var random = new SplitMix64(1234567);
        Assert.Equal(6457827717110365317UL, random.NextUInt64());
        Assert.Equal(3203168211198807973UL, random.NextUInt64());
        Assert.Equal(9817491932198370423UL, random.NextUInt64());
    }

    [Fact]
    public void BoundedDrawsStayInRangeAndCoverIt()
    {
        var random = new SplitMix64(5);
        var counts = new int[7];
        for (int i = 0; i < 7000; i++) counts[random.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
        for (int i = 0; i < 1000; i++)
        {
            Assert.InRange(random.NextDouble(), 0.0, 0.9999999999999999);
            Assert.InRange(random.NextDouble(-0.05, 0.05), -0.05, 0.05);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitMix64(1).NextInt(0));
    }
}
