namespace MuZero.Search;

/// <summary>
/// What one batched search returns for each of its B games: mctx's <c>PolicyOutput</c> (the action to play, the action
/// weights to train the policy on, the tree on request) plus the root statistics. A fresh object per search, or one the
/// caller reuses search after search (<see cref="BatchedMcts.Run(ISearchModel, TorchSharp.torch.Tensor, ReadOnlySpan{bool}, bool, ReadOnlySpan{double}, Randomness.Xoshiro256, SearchResult, bool)"/>).
/// </summary>
public sealed class SearchResult
{
    /// <summary>An empty result for <paramref name="batchSize"/> games of <paramref name="actionCount"/> actions.</summary>
    public SearchResult(int batchSize, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        BatchSize = batchSize;
        ActionCount = actionCount;
        VisitCounts = new int[batchSize * actionCount];
        RootValues = new float[batchSize];
        RootPriors = new float[batchSize * actionCount];
        Actions = new int[batchSize];
        ActionWeights = new float[batchSize * actionCount];
    }

    /// <summary>Number of games B.</summary>
    public int BatchSize { get; }

    /// <summary>Number of actions A.</summary>
    public int ActionCount { get; }

    /// <summary>Visits of each root action [B * A]; they sum to the simulation count per game, illegal actions have 0.</summary>
    public int[] VisitCounts { get; }

    /// <summary>
    /// Root mean value after the search [B] (the search value), from the point of view of the player to move at
    /// the root (the running mean over the root's own network value and every simulation's return).
    /// </summary>
    public float[] RootValues { get; }

    /// <summary>The root prior the search used [B * A]: masked to legal actions, renormalized, and noised when the policy's noise was on.</summary>
    public float[] RootPriors { get; }

    /// <summary>
    /// The action the policy plays in each game [B] (MuZero: sampled from the root visits with the caller's
    /// temperature, the most visited at temperature 0; Gumbel MuZero: the sequential-halving winner).
    /// </summary>
    public int[] Actions { get; }

    /// <summary>
    /// The policy target of each game [B * A], a distribution over the legal actions (MuZero: the visit
    /// distribution; Gumbel MuZero: softmax(prior logits + sigma(completed Q)) over the legal actions).
    /// </summary>
    public float[] ActionWeights { get; }

    /// <summary>The whole tree of every game after the search, when it was asked for; otherwise null.</summary>
    public SearchTreeSnapshot? Tree { get; internal set; }

    /// <summary>Visit counts of the root actions of <paramref name="game"/> [A].</summary>
    public ReadOnlySpan<int> Visits(int game) => VisitCounts.AsSpan(game * ActionCount, ActionCount);

    /// <summary>The action weights (policy target) of <paramref name="game"/> [A].</summary>
    public ReadOnlySpan<float> Weights(int game) => ActionWeights.AsSpan(game * ActionCount, ActionCount);

    /// <summary>
    /// Writes the visit-count distribution N(a) / sum N of <paramref name="game"/> into
    /// <paramref name="destination"/> [A] (MuZero's policy target; see <see cref="Weights"/> for the policy's own).
    /// </summary>
    public void Policy(int game, Span<float> destination)
    {
        if (destination.Length != ActionCount)
            throw new ArgumentException($"Policy needs {ActionCount} entries, got {destination.Length}.", nameof(destination));
        VisitDistribution(Visits(game), destination);
    }

    /// <summary>N(a) / sum N into <paramref name="destination"/> (all zeros when nothing was visited).</summary>
    internal static void VisitDistribution(ReadOnlySpan<int> visits, Span<float> destination)
    {
        long total = 0;
        foreach (int n in visits) total += n;
        float scale = total > 0 ? 1f / total : 0f;
        for (int a = 0; a < visits.Length; a++) destination[a] = visits[a] * scale;
    }
}
