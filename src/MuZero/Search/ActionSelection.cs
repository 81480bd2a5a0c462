using MuZero.Randomness;

namespace MuZero.Search;

/// <summary>Choosing the move to play from the root visit counts of a search.</summary>
public static class ActionSelection
{
    /// <summary>
    /// Picks an action from root visit counts with temperature <paramref name="temperature"/>.
    /// T = 0: the most visited action, ties going to the lowest index (deterministic; <paramref name="rng"/>
    /// is not used). T &gt; 0: a sample with probability proportional to N(a)^(1/T), computed as
    /// exp(log(N(a) / max N) / T) so that small T cannot overflow (as T -&gt; 0 it becomes uniform over the
    /// most visited actions). Actions with no visits are never chosen.
    /// </summary>
    /// <param name="visitCounts">Visit count per action [A]; non-negative, at least one positive.</param>
    /// <param name="temperature">T &gt;= 0 (positive infinity: uniform over the visited actions).</param>
    /// <param name="rng">Source of the sample.</param>
    public static int SelectAction(ReadOnlySpan<int> visitCounts, double temperature, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(temperature >= 0))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Temperature must be non-negative, got {temperature}.");
        int best = Argmax(visitCounts);
        int maxCount = visitCounts[best];
        if (maxCount <= 0) throw new ArgumentException("No action has been visited.", nameof(visitCounts));
        if (temperature == 0) return best;

        double inverseTemperature = 1.0 / temperature;
        double total = 0;
        foreach (int n in visitCounts) total += Weight(n, maxCount, inverseTemperature);

        double u = rng.NextDouble() * total;
        double cumulative = 0;
        int lastVisited = best;
        for (int a = 0; a < visitCounts.Length; a++)
        {
            double w = Weight(visitCounts[a], maxCount, inverseTemperature);
            if (w <= 0) continue;
            lastVisited = a;
            cumulative += w;
            if (u < cumulative) return a;
        }
        return lastVisited; // u landed on the total through rounding
    }

    /// <summary>Index of the largest count, the lowest index on ties; throws on an empty span or a negative count.</summary>
    private static int Argmax(ReadOnlySpan<int> visitCounts)
    {
        if (visitCounts.IsEmpty) throw new ArgumentException("No actions.", nameof(visitCounts));
        int best = 0;
        for (int a = 0; a < visitCounts.Length; a++)
        {
            if (visitCounts[a] < 0)
                throw new ArgumentException($"Visit count of action {a} is negative ({visitCounts[a]}).", nameof(visitCounts));
            if (visitCounts[a] > visitCounts[best]) best = a;
        }
        return best;
    }

    /// <summary>(n / max)^(1/T) in [0, 1]: 1 for the most visited actions, 0 for unvisited ones.</summary>
    private static double Weight(int count, int maxCount, double inverseTemperature)
    {
        if (count <= 0) return 0;
        if (count == maxCount) return 1;
        return Math.Exp(inverseTemperature * Math.Log((double)count / maxCount));
    }
}
