namespace MuZero.Training.Configuration;

/// <summary>
/// MuZero Reanalyze: a share of the positions the learner samples gets fresh targets from a new search with a target
/// network (a copy of the learner's weights refreshed every <see cref="TargetRefreshInterval"/> updates). The search
/// replaces the stored policy targets and root values of the positions their targets read (the K + 1 unrolled
/// positions and their n-step bootstrap positions), so those policy targets and bootstrap values come from the target
/// network. The share is taken from every batch alike (as EfficientZero's reanalysis rate), not as whole batches:
/// a whole reanalyzed batch costs several updates' time, and the learner would wait for it.
/// </summary>
public sealed record ReanalyzeConfig
{
    /// <summary>Share of sampled positions (batch rows) reanalyzed, in [0, 1]; 0 (the default) = no reanalysis: the run is as without this section.</summary>
    public double Fraction { get; init; }

    /// <summary>Updates between copies of the learner's weights into the target network.</summary>
    public int TargetRefreshInterval { get; init; } = 100;

    /// <summary>Simulations of the reanalysis search; null = <c>search.simulations</c>.</summary>
    public int? Simulations { get; init; }

    /// <summary>Whether anything is reanalyzed.</summary>
    public bool Enabled => Fraction > 0;

    /// <summary>
    /// Whether sampled position <paramref name="sampleIndex"/> (0-based over the run: update u's batch of N holds
    /// u N .. u N + N - 1) is reanalyzed: spread evenly, sample i when floor((i + 1) f) &gt; floor(i f), so every
    /// window of 1/f samples holds one, and the choice draws no random numbers (the sampled positions are the same
    /// as without reanalysis).
    /// </summary>
    public bool Covers(long sampleIndex) =>
        Fraction >= 1 || (Fraction > 0 && Math.Floor((sampleIndex + 1) * Fraction) > Math.Floor(sampleIndex * Fraction));
}
