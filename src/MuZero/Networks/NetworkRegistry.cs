namespace MuZero.Networks;

/// <summary>
/// The one list of network families (<c>network.kind</c>): config validation and construction both read it.
/// Names are lower-case and matched case-sensitively (ordinal). The core library knows no environments, so a
/// family is built from the observation shape and action count of the game rather than from its spec.
/// </summary>
public static class NetworkRegistry
{
    /// <summary>Builds a freshly initialized network of one family.</summary>
    /// <param name="config">Sizes of the network.</param>
    /// <param name="observationShape">Shape of one observation, e.g. <c>[4]</c> or <c>[3, 3, 3]</c>.</param>
    /// <param name="actionCount">Number of discrete actions.</param>
    public delegate MuZeroNetwork Factory(NetworkConfig config, IReadOnlyList<int> observationShape, int actionCount);

    private static readonly (string Name, Factory Create)[] Entries =
    [
        // The MLP flattens board planes, so only the number of floats matters.
        ("mlp", (config, shape, actions) => new MlpNetwork(shape.Aggregate(1, (a, b) => a * b), actions, config)),
        // Needs C x H x W observations.
        (ResidualNetwork.KindName, (config, shape, actions) => new ResidualNetwork(shape, actions, config)),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known names, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when a family is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => name is not null && Array.IndexOf(NameList, name) >= 0;

    /// <summary>A freshly initialized network of family <paramref name="config"/>.Kind.</summary>
    /// <exception cref="ArgumentException">Unknown family; the one-line message lists the known ones.</exception>
    public static MuZeroNetwork Create(NetworkConfig config, IReadOnlyList<int> observationShape, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, config.Kind, StringComparison.Ordinal)) return entry.Create(config, observationShape, actionCount);
        }
        throw new ArgumentException($"unknown network.kind '{config.Kind}'; known kinds: {string.Join(", ", NameList)}");
    }
}
