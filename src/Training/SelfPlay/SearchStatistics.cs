namespace MuZero.Training.SelfPlay;

/// <summary>
/// Running sums over self-play searches of the root value and of the entropy of the visit distribution (the policy
/// target), for the run's metrics. Adding a search costs one pass over its A visit shares and allocates nothing.
/// </summary>
/// <remarks>
/// A search whose visits all go to one action has entropy 0; one that spreads them evenly over n legal actions has
/// ln n. Falling entropy over a run means the search has grown confident; a root value that tracks the returns
/// means the value head has learned them.
/// </remarks>
public sealed class SearchStatistics
{
    /// <summary>Searches added since the last <see cref="Clear"/>.</summary>
    public long Searches { get; private set; }

    /// <summary>Sum of the root values (each from the point of view of the player to move).</summary>
    public double RootValueSum { get; private set; }

    /// <summary>Sum of the entropies of the visit distributions, in nats.</summary>
    public double PolicyEntropySum { get; private set; }

    /// <summary>Mean root value; NaN when no search was added.</summary>
    public double MeanRootValue => Searches == 0 ? double.NaN : RootValueSum / Searches;

    /// <summary>Mean entropy of the visit distributions in nats; NaN when no search was added.</summary>
    public double MeanPolicyEntropy => Searches == 0 ? double.NaN : PolicyEntropySum / Searches;

    /// <summary>Adds one search: its root value and its visit distribution <paramref name="policy"/> [A] (shares summing to 1).</summary>
    public void Add(float rootValue, ReadOnlySpan<float> policy)
    {
        Searches++;
        RootValueSum += rootValue;
        PolicyEntropySum += Entropy(policy);
    }

    /// <summary>Adds every search of <paramref name="other"/>.</summary>
    public void Add(SearchStatistics other)
    {
        Searches += other.Searches;
        RootValueSum += other.RootValueSum;
        PolicyEntropySum += other.PolicyEntropySum;
    }

    /// <summary>Forgets every search added so far.</summary>
    public void Clear() => (Searches, RootValueSum, PolicyEntropySum) = (0, 0, 0);

    /// <summary>Shannon entropy -sum p ln p of <paramref name="distribution"/> in nats (terms with p = 0 count 0).</summary>
    public static double Entropy(ReadOnlySpan<float> distribution)
    {
        double entropy = 0;
        foreach (float p in distribution)
            if (p > 0) entropy -= p * Math.Log(p);
        return entropy;
    }

    /// <summary>Writes the sums (for a checkpoint, so a resumed run reports what an uninterrupted one would).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Searches);
        writer.Write(RootValueSum);
        writer.Write(PolicyEntropySum);
    }

    /// <summary>Replaces the sums with those <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">A negative search count.</exception>
    public void Read(BinaryReader reader)
    {
        long searches = reader.ReadInt64();
        if (searches < 0) throw new InvalidDataException($"{searches} searches, expected >= 0");
        (Searches, RootValueSum, PolicyEntropySum) = (searches, reader.ReadDouble(), reader.ReadDouble());
    }
}
