namespace MuZero.Search.Policies;

/// <summary>
/// Gumbel MuZero's search (Danihelka et al., 2022, "Policy improvement by planning with Gumbel"; mctx's
/// <c>gumbel_muzero_policy</c>): Gumbel-top-k with sequential halving at the root, the deterministic
/// visit-matching selection below it, and Q completed by the mixed value and scaled by sigma everywhere.
/// </summary>
public static class GumbelMuZeroPolicy
{
    /// <summary>The policy with the <see cref="SearchConfig.Gumbel"/> settings of <paramref name="config"/>.</summary>
    public static SearchPolicy Create(SearchConfig config, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        GumbelConfig gumbel = config.Gumbel ?? throw new ArgumentException("search.gumbel must be an object.", nameof(config));
        return new SearchPolicy(
            SearchPolicyRegistry.GumbelMuZero,
            new GumbelRootActionSelection(gumbel.MaxConsideredActions, gumbel.GumbelScale, config.Simulations, actionCount),
            new GumbelInteriorActionSelection(),
            new CompletedByMixValueQTransform(gumbel.MaxvisitInit, gumbel.ValueScale));
    }
}
