using MuZero.Randomness;

namespace MuZero.Tests.Randomness;

public sealed class Xoshiro256Tests
{
    [Fact]
    public void GumbelSamplesHaveTheGumbelMeanAndVariance()
    {
        // Gumbel(0, 1): mean = the Euler-Mascheroni constant 0.5772, variance = pi^2 / 6 = 1.6449, P(g <= 0) = 1/e.
        var rng = new Xoshiro256(12);
        const int draws = 200_000;
        double sum = 0, squares = 0;
        int nonPositive = 0;
        for (int i = 0; i < draws; i++)
        {
            double g = rng.NextGumbel();
            Assert.True(double.IsFinite(g));
            sum += g;
            squares += g * g;
            if (g <= 0) nonPositive++;
        }
        double mean = sum / draws;
        Assert.Equal(0.5772, mean, 0.01);
        Assert.Equal(Math.PI * Math.PI / 6, squares / draws - mean * mean, 0.03);
        Assert.Equal(1 / Math.E, nonPositive / (double)draws, 0.005);
    }
}
