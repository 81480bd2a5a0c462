using MuZero.Networks;

namespace MuZero.Tests.Networks;

public sealed class SupportTransformTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(3.7)]
    [InlineData(-42.5)]
    [InlineData(333.0)]
    public void UnsquashInvertsSquash(double x)
    {
        Assert.Equal(x, SupportTransform.Unsquash(SupportTransform.Squash(x)), 6);
    }

    [Fact]
    public void SquashMatchesHandComputedValues()
    {
        // h(3) = sqrt(4) - 1 + 0.003 = 1.003; h(-8) = -(3 - 1) - 0.008 = -2.008
        Assert.Equal(1.003, SupportTransform.Squash(3), 12);
        Assert.Equal(-2.008, SupportTransform.Squash(-8), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(-5.25)]
    [InlineData(17.0)]
    public void TwoHotSumsToOneAndReproducesTheScalar(double x)
    {
        var support = new SupportTransform(10);
        var twoHot = new float[support.Bins];
        support.WriteTwoHot(x, twoHot);
        Assert.Equal(1.0, twoHot.Sum(), 5);
        Assert.True(twoHot.Count(p => p > 0) <= 2);
        Assert.Equal(x, support.ToScalar(twoHot), 3);
    }

    [Fact]
    public void TwoHotSplitsBetweenNeighbours()
    {
        var support = new SupportTransform(3);
        var twoHot = new float[support.Bins];
        double x = SupportTransform.Unsquash(1.25); // h(x) = 1.25: 75% on bin +1, 25% on bin +2
        support.WriteTwoHot(x, twoHot);
        Assert.Equal(0.75f, twoHot[3 + 1], 4);
        Assert.Equal(0.25f, twoHot[3 + 2], 4);
    }

    [Fact]
    public void TwoHotClampsOutOfRangeValuesToTheEdge()
    {
        var support = new SupportTransform(2);
        var twoHot = new float[support.Bins];
        support.WriteTwoHot(1000, twoHot);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1 }, twoHot);
    }

    [Fact]
    public void ScalarOfLogitsIsTheInverseOfTheExpectation()
    {
        var support = new SupportTransform(5);
        float[] logits = [0.3f, -1.2f, 2.5f, 0.0f, 4.1f, -0.7f, 1.9f, 3.3f, -2.2f, 0.8f, 9.0f]; // [11]
        double max = logits.Max(), total = logits.Sum(l => Math.Exp(l - max));
        double expectation = logits.Select((l, i) => Math.Exp(l - max) / total * (i - 5)).Sum();
        Assert.Equal(SupportTransform.Unsquash(expectation), support.ScalarOfLogits(logits), 1e-6);
        // Uniform logits: expectation 0, scalar 0; one dominant bin at +5: h^-1(5).
        Assert.Equal(0.0, support.ScalarOfLogits(new float[11]), 9);
        float[] peaked = new float[11];
        peaked[10] = 100f;
        Assert.Equal(SupportTransform.Unsquash(5), support.ScalarOfLogits(peaked), 6);
        Assert.True(double.IsNaN(SupportTransform.Unsquash(double.NaN)));
    }
}
