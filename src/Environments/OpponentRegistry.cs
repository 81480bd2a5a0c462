using System.Globalization;

namespace MuZero.Environments;

/// <summary>
/// The one list of reference opponents for two-player evaluation, with the games each can play: config
/// validation (<c>evaluation.opponent</c>), the CLI's <c>--opponent</c> and construction all read it.
/// An opponent is named by a SPEC: a name (<c>random</c>, <c>perfect</c>) or a name and an integer parameter
/// (<c>alphabeta:DEPTH</c>, <c>mcts:PLAYOUTS</c>). Names are lower-case and matched case-sensitively (ordinal).
/// </summary>
public static class OpponentRegistry
{
    /// <summary>
    /// One opponent: its name, its integer parameter (null for none) with the values allowed, the games it plays
    /// (null = every environment) and how to build it from the parameter (0 when it takes none) and a seed.
    /// One name may have several entries, one per game, each with its own player (e.g. <c>perfect</c>).
    /// </summary>
    private sealed record Entry(string Name, string? Parameter, int Min, int Max, Func<string, bool> Plays, Func<int, ulong, IOpponent> Create)
    {
        /// <summary>A parameterless opponent for <paramref name="game"/> only.</summary>
        public static Entry For(string game, string name, Func<ulong, IOpponent> create) =>
            new(name, null, 0, 0, environment => environment == game, (_, seed) => create(seed));

        /// <summary>The spec as users write it: <c>random</c>, <c>alphabeta:DEPTH</c>.</summary>
        public string Form => Parameter is null ? Name : $"{Name}:{Parameter}";
    }

    private static readonly Entry[] Entries =
    [
        new("random", null, 0, 0, _ => true, (_, seed) => new RandomOpponent(seed)),
        // Exact play exists only for solved games; one line per game.
        Entry.For("tictactoe", "perfect", seed => new PerfectTicTacToePlayer(seed)),
        Entry.For("connect4", "perfect", seed => new PerfectConnectFourPlayer(seed)),
        new("alphabeta", "DEPTH", 1, AlphaBetaOpponent.MaxDepth, EnvironmentRegistry.IsBoardGame, (depth, seed) => new AlphaBetaOpponent(depth, seed)),
        new("mcts", "PLAYOUTS", 1, MctsOpponent.MaxPlayouts, EnvironmentRegistry.IsBoardGame, (playouts, seed) => new MctsOpponent(playouts, seed)),
    ];

    private static readonly string[] FormList = Entries.Select(entry => entry.Form).Distinct().ToArray();

    /// <summary>Every opponent as its spec is written (<c>random</c>, <c>perfect</c>, <c>alphabeta:DEPTH</c>, <c>mcts:PLAYOUTS</c>), in registration order.</summary>
    public static IReadOnlyList<string> Names => FormList;

    /// <summary>True when <paramref name="spec"/> names a registered opponent with a valid parameter (for some game).</summary>
    public static bool Contains(string? spec) => Problem(spec) is null;

    /// <summary>
    /// True when the name part of <paramref name="spec"/> (before any <c>:</c>) is a registered opponent, whether or not
    /// its parameter is valid: such a spec means a registry opponent, and <see cref="Problem(string?)"/> says what is wrong with it.
    /// </summary>
    public static bool HasName(string? spec)
    {
        if (spec is null) return false;
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? spec : spec[..colon];
        return Array.Exists(Entries, entry => string.Equals(entry.Name, name, StringComparison.Ordinal));
    }

    /// <summary>The opponents (as spec forms) that can play <paramref name="environment"/>, in registration order.</summary>
    public static IReadOnlyList<string> NamesFor(string environment) =>
        Entries.Where(entry => entry.Plays(environment)).Select(entry => entry.Form).Distinct().ToArray();

    /// <summary>True when <paramref name="spec"/> is valid and its opponent can play <paramref name="environment"/>.</summary>
    public static bool IsAvailable(string? spec, string environment) => Problem(spec, environment) is null;

    /// <summary>
    /// One line saying what is wrong with <paramref name="spec"/> whatever the game (unknown name, missing, malformed
    /// or out-of-range parameter), listing what exists; null when it is valid.
    /// </summary>
    public static string? Problem(string? spec) => Parse(spec, out _, out _);

    /// <summary>As <see cref="Problem(string?)"/>, and also when the opponent cannot play <paramref name="environment"/>.</summary>
    public static string? Problem(string? spec, string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Parse(spec, out var name, out _) is { } problem) return problem;
        if (Find(name, environment) is null)
            return $"opponent '{spec}' cannot play {environment}; opponents for {environment}: {string.Join(", ", NamesFor(environment))}";
        return null;
    }

    /// <summary>
    /// What a valid <c>evaluation.opponent</c> for <paramref name="environment"/> looks like, in the words of the config's
    /// one-line errors: the parameter's range when <paramref name="spec"/> names a parameterised opponent for that game,
    /// otherwise the list of the game's opponents.
    /// </summary>
    public static string Expected(string? spec, string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int colon = spec?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        string name = spec is null ? "" : colon < 0 ? spec : spec[..colon];
        if (Find(name, environment) is { Parameter: not null } entry)
            return $"{entry.Form} with {entry.Parameter} an integer in {entry.Min}..{entry.Max}";
        return $"one of {string.Join(", ", NamesFor(environment))} (the opponents for {environment})";
    }

    /// <summary>A new opponent for <paramref name="environment"/> from <paramref name="spec"/>, seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The spec is malformed or names an opponent that cannot play that game; the one-line message lists what exists.</exception>
    public static IOpponent Create(string spec, string environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Problem(spec, environment) is { } problem) throw new ArgumentException(problem);
        Parse(spec, out string name, out int parameter);
        return Find(name, environment)!.Create(parameter, seed);
    }

    /// <summary>Splits <paramref name="spec"/> into name and parameter; returns the problem, or null when it is valid.</summary>
    private static string? Parse(string? spec, out string name, out int parameter)
    {
        parameter = 0;
        int colon = spec?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        name = spec is null ? "" : colon < 0 ? spec : spec[..colon];
        string known = $"known opponents: {string.Join(", ", FormList)}";
        string nameCopy = name;
        var entry = Array.Find(Entries, e => string.Equals(e.Name, nameCopy, StringComparison.Ordinal));
        if (spec is null || entry is null) return $"unknown opponent '{spec}'; {known}";
        if (entry.Parameter is null)
            return colon < 0 ? null : $"opponent '{spec}': {name} takes no parameter; {known}";
        string text = colon < 0 ? "" : spec[(colon + 1)..];
        string expected = $"{entry.Form} with {entry.Parameter} an integer in {entry.Min}..{entry.Max}";
        if (text.Length == 0) return $"opponent '{spec}' needs its {entry.Parameter}: {expected}; {known}";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out parameter) || parameter < entry.Min || parameter > entry.Max)
        {
            parameter = 0;
            return $"opponent '{spec}': expected {expected}, got '{text}'; {known}";
        }
        return null;
    }

    private static Entry? Find(string name, string environment) =>
        Array.Find(Entries, entry => string.Equals(entry.Name, name, StringComparison.Ordinal) && entry.Plays(environment));
}
