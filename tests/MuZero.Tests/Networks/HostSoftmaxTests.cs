using MuZero.Networks;

namespace MuZero.Tests.Networks;

/// <summary><see cref="HostSoftmax"/> against the double-precision definitions, on rows shorter and longer than a vector and with every kind of tail.</summary>
public sealed class HostSoftmaxTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(13)] // eight bins, four, one
    [InlineData(41)]
    [InlineData(61)] // 7 x eight, four, one
    [InlineData(601)]
    public void SupportExpectationIsTheMeanOfTheSupportUnderTheSoftmax(int bins)
    {
        var random = new Random(bins);
        var logits = new float[bins];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < bins; i++) logits[i] = (float)(random.NextDouble() * 8 - 4);
            // float sums: the error grows with the support's magnitude (up to 300 here)
            Assert.Equal(Reference(logits), HostSoftmax.SupportExpectation(logits), 1e-5 + 1e-6 * bins);
        }
    }

    [Fact]
    public void LargeLogitsDoNotOverflow()
    {
        var logits = new float[41];
        logits[30] = 500f; // exp(500) is infinite in float
        logits[31] = 499f;
        double expected = (10 * 1 + 11 * Math.Exp(-1)) / (1 + Math.Exp(-1) + 39 * Math.Exp(-500)); // bins 30, 31 = support 10, 11
        Assert.Equal(expected, HostSoftmax.SupportExpectation(logits), 4);

        var priors = new float[3];
        HostSoftmax.Softmax([1000f, 1000f, -1000f], priors);
        Assert.Equal([0.5f, 0.5f, 0f], priors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(81)]
    public void SoftmaxMatchesTheDefinition(int count)
    {
        var random = new Random(count);
        var logits = new float[count];
        var priors = new float[count + 3]; // entries past the row must stay as they are
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < count; i++) logits[i] = (float)(random.NextDouble() * 8 - 4);
            priors.AsSpan(count).Fill(-7f);
            HostSoftmax.Softmax(logits, priors.AsSpan(0, count));
            double total = logits.Sum(l => Math.Exp(l));
            for (int i = 0; i < count; i++) Assert.Equal(Math.Exp(logits[i]) / total, priors[i], 1e-6); // float rounding
            Assert.All(priors[count..], p => Assert.Equal(-7f, p));
        }
    }

    [Fact]
    public void AnEvenBinCountIsNotASupport()
    {
        Assert.Throws<ArgumentException>(() => HostSoftmax.SupportExpectation(new float[4]));
        Assert.Throws<ArgumentException>(() => HostSoftmax.Softmax(new float[3], new float[2]));
    }

    private static double Reference(float[] logits)
    {
        double max = logits.Max(), total = 0, weighted = 0;
        int half = logits.Length / 2;
        for (int i = 0; i < logits.Length; i++)
        {
            double p = Math.Exp(logits[i] - max);
            total += p;
            weighted += p * (i - half);
        }
        return weighted / total;
    }
}
