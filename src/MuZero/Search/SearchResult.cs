namespace MuZero.Search;

/// <summary>What one batched search returns for each of its B games (a fresh object per search).</summary>
public sealed class SearchResult
{
    internal SearchResult(int batchSize, int actionCount)
    {
        BatchSize = batchSize;
        ActionCount = actionCount;
        VisitCounts = new int[batchSize * actionCount];
        RootValues = new float[batchSize];
        RootPriors = new float[batchSize * actionCount];
    }

    /// <summary>Number of games B.</summary>
    public int BatchSize { get; }

    /// <summary>Number of actions A.</summary>
    public int ActionCount { get; }

    /// <summary>Visits of each root action [B * A]; they sum to the simulation count per game, illegal actions have 0.</summary>
    public int[] VisitCounts { get; }

    /// <summary>
    /// Root mean value after the search [B], from the point of view of the player to move at the root
    /// (the running mean over the root's own network value and every simulation's return).
    /// </summary>
    public float[] RootValues { get; }

    /// <summary>The root prior the search used [B * A]: masked to legal actions, renormalized, and noised when noise was on.</summary>
    public float[] RootPriors { get; }

    /// <summary>Visit counts of the root actions of <paramref name="game"/> [A].</summary>
    public ReadOnlySpan<int> Visits(int game) => VisitCounts.AsSpan(game * ActionCount, ActionCount);

    /// <summary>
    /// Writes the visit-count distribution N(a) / sum N of <paramref name="game"/> into
    /// <paramref name="destination"/> [A] (the policy target).
    /// </summary>
    public void Policy(int game, Span<float> destination)
    {
        if (destination.Length != ActionCount)
            throw new ArgumentException($"Policy needs {ActionCount} entries, got {destination.Length}.", nameof(destination));
        ReadOnlySpan<int> visits = Visits(game);
        long total = 0;
        foreach (int n in visits) total += n;
        float scale = total > 0 ? 1f / total : 0f;
        for (int a = 0; a < visits.Length; a++) destination[a] = visits[a] * scale;
    }
}
