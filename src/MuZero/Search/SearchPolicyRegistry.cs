using MuZero.Search.Policies;

namespace MuZero.Search;

/// <summary>
/// The one list of search policies (<c>search.policy</c>): config validation and <see cref="BatchedMcts"/>
/// both read it. Names are lower-case and matched case-sensitively (ordinal), like every registry.
/// </summary>
public static class SearchPolicyRegistry
{
    /// <summary>MuZero's pUCT search with Dirichlet root noise and min-max normalized Q (the default).</summary>
    public const string MuZero = "muzero";

    /// <summary>Gumbel MuZero: Gumbel-top-k and sequential halving at the root, completed Q, deterministic interior selection.</summary>
    public const string GumbelMuZero = "gumbel_muzero";

    /// <summary>Builds a fresh policy (its own per-search state) for a search with the given settings.</summary>
    /// <param name="config">Search settings (validated).</param>
    /// <param name="actionCount">Number of actions A.</param>
    public delegate SearchPolicy Factory(SearchConfig config, int actionCount);

    private static readonly (string Name, Factory Create)[] Entries =
    [
        (MuZero, MuZeroPolicy.Create),
        (GumbelMuZero, GumbelMuZeroPolicy.Create),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known names, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when a policy is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => name is not null && Array.IndexOf(NameList, name) >= 0;

    /// <summary>A new policy named by <paramref name="config"/>.Policy for games of <paramref name="actionCount"/> actions.</summary>
    /// <exception cref="ArgumentException">Unknown policy; the one-line message lists the known ones.</exception>
    public static SearchPolicy Create(SearchConfig config, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, config.Policy, StringComparison.Ordinal)) return entry.Create(config, actionCount);
        }
        throw new ArgumentException($"unknown search.policy '{config.Policy}'; known policies: {string.Join(", ", NameList)}");
    }
}
