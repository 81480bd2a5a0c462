namespace MuZero.Environments;

/// <summary>
/// The one list of reference opponents for two-player evaluation, with the games each can play: config
/// validation (<c>evaluation.opponent</c>), the CLI's <c>--opponent</c> and construction all read it.
/// Names are lower-case and matched case-sensitively (ordinal).
/// </summary>
public static class OpponentRegistry
{
    /// <summary>One opponent: its name, the environments it can play (null = every environment) and how to build it.</summary>
    private sealed record Entry(string Name, string[]? Environments, Func<ulong, IOpponent> Create);

    private static readonly Entry[] Entries =
    [
        new("random", null, seed => new RandomOpponent(seed)),
        // Exact minimax exists only for games small enough to solve at start-up.
        new("perfect", ["tictactoe"], seed => new PerfectTicTacToePlayer(seed)),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known names, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when an opponent is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => Find(name) is not null;

    /// <summary>The names of the opponents that can play <paramref name="environment"/>, in registration order.</summary>
    public static IReadOnlyList<string> NamesFor(string environment) =>
        Entries.Where(entry => CanPlay(entry, environment)).Select(entry => entry.Name).ToArray();

    /// <summary>True when <paramref name="name"/> is registered and can play <paramref name="environment"/>.</summary>
    public static bool IsAvailable(string? name, string environment) => Find(name) is { } entry && CanPlay(entry, environment);

    /// <summary>A new opponent called <paramref name="name"/> for <paramref name="environment"/>, seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name, or the opponent cannot play that game; the one-line message lists what exists.</exception>
    public static IOpponent Create(string name, string environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        var entry = Find(name)
                    ?? throw new ArgumentException($"unknown opponent '{name}'; known opponents: {string.Join(", ", NameList)}");
        if (!CanPlay(entry, environment))
            throw new ArgumentException($"opponent '{name}' cannot play {environment}; opponents for {environment}: {string.Join(", ", NamesFor(environment))}");
        return entry.Create(seed);
    }

    private static Entry? Find(string? name) => Array.Find(Entries, entry => string.Equals(entry.Name, name, StringComparison.Ordinal));

    private static bool CanPlay(Entry entry, string environment) =>
        entry.Environments is null || Array.IndexOf(entry.Environments, environment) >= 0;
}
