namespace MuZero.Search.Policies;

/// <summary>MuZero's search (mctx's <c>muzero_policy</c>): pUCT at every node, Dirichlet noise at the root, min-max normalized Q.</summary>
public static class MuZeroPolicy
{
    /// <summary>The policy with the pUCT constants, noise and unvisited value of <paramref name="config"/>.</summary>
    public static SearchPolicy Create(SearchConfig config, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SearchPolicy(
            SearchPolicyRegistry.MuZero,
            new PuctRootActionSelection(config, actionCount),
            new PuctInteriorActionSelection(config.PbCInit, config.PbCBase),
            new MinMaxQTransform(config.UnvisitedValue));
    }
}
