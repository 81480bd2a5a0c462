using MuZero.Environments.MinAtar;

namespace MuZero.Environments;

/// <summary>
/// The one list of environments and of the options each takes: config validation and construction both read it.
/// Names are lower-case and matched case-sensitively (ordinal), like every registry and enum name in configs.
/// </summary>
public static class EnvironmentRegistry
{
    /// <summary>One environment: its name, the options it takes (config names), how to check them and how to build it from resolved options.</summary>
    private sealed record Entry(
        string Name,
        string[] Options,
        Func<EnvironmentOptions, IEnvironment> Create,
        Func<EnvironmentOptions, EnvironmentOptions>? Resolve = null,
        Func<EnvironmentOptions, EnvironmentOptionError?>? Check = null);

    // Breakout and Freeway have no difficulty ramping, so they do not take the option.
    private static readonly string[] MinAtarOptions = ["sticky_action_probability", "minimal_action_set"];
    private static readonly string[] MinAtarRampingOptions = [.. MinAtarOptions, "ramping"];

    private static readonly Entry[] Entries =
    [
        new("cartpole", [], _ => new CartPole()),
        new("tictactoe", [], _ => new TicTacToe()),
        new("connect4", [], _ => new ConnectFour()),
        new("gomoku", ["board_size", "win_length"], o => new Gomoku(o.BoardSize!.Value, o.WinLength!.Value), ResolveGomoku, CheckGomoku),
        new("minatar-asterix", MinAtarRampingOptions, o => new Asterix(MinAtarSettingsOf(o)), ResolveMinAtarWithRamping, CheckMinAtar),
        new("minatar-breakout", MinAtarOptions, o => new Breakout(MinAtarSettingsOf(o)), ResolveMinAtar, CheckMinAtar),
        new("minatar-freeway", MinAtarOptions, o => new Freeway(MinAtarSettingsOf(o)), ResolveMinAtar, CheckMinAtar),
        new("minatar-seaquest", MinAtarRampingOptions, o => new Seaquest(MinAtarSettingsOf(o)), ResolveMinAtarWithRamping, CheckMinAtar),
        new("minatar-space-invaders", MinAtarRampingOptions, o => new SpaceInvaders(MinAtarSettingsOf(o)), ResolveMinAtarWithRamping, CheckMinAtar),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known names, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when an environment is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => name is not null && Array.IndexOf(NameList, name) >= 0;

    /// <summary>The names of the two-player board games (<see cref="IBoardGame"/>), in registration order.</summary>
    public static IReadOnlyList<string> BoardGames { get; } = NameList.Where(name => Create(name) is IBoardGame).ToArray();

    /// <summary>True when <paramref name="name"/> is a registered <see cref="IBoardGame"/>.</summary>
    public static bool IsBoardGame(string? name) => name is not null && BoardGames.Contains(name);

    /// <summary>
    /// The first problem with <paramref name="options"/> for the environment <paramref name="name"/> (an option it
    /// does not take, or a value out of range), or null when they are valid.
    /// </summary>
    /// <exception cref="ArgumentException">No environment has that name.</exception>
    public static EnvironmentOptionError? CheckOptions(string name, EnvironmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entry = Find(name);
        foreach (var (option, value) in options.All)
        {
            if (value is { } given && Array.IndexOf(entry.Options, option) < 0)
            {
                string takes = entry.Options.Length == 0 ? "takes no options" : "takes " + string.Join(", ", entry.Options);
                return new EnvironmentOptionError(option, $"absent ({name} {takes})", given);
            }
        }
        return entry.Check?.Invoke(options);
    }

    /// <summary><paramref name="options"/> with every option the environment takes filled in (its defaults where none was given).</summary>
    /// <exception cref="ArgumentException">Unknown name or invalid options; the one-line message says which.</exception>
    public static EnvironmentOptions ResolveOptions(string name, EnvironmentOptions options)
    {
        if (CheckOptions(name, options) is { } error) throw new ArgumentException(error.Message);
        return Find(name).Resolve?.Invoke(options) ?? options;
    }

    /// <summary>A new, reset environment called <paramref name="name"/> (case-sensitive) with its default options.</summary>
    /// <exception cref="ArgumentException">No environment has that name; the message lists the known names.</exception>
    public static IEnvironment Create(string name) => Create(name, EnvironmentOptions.None);

    /// <summary>A new, reset environment called <paramref name="name"/> with <paramref name="options"/> (null ones take the defaults).</summary>
    /// <exception cref="ArgumentException">Unknown name or invalid options; the one-line message says which.</exception>
    public static IEnvironment Create(string name, EnvironmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resolved = ResolveOptions(name, options);
        return Find(name).Create(resolved);
    }

    /// <summary>The spec of the environment called <paramref name="name"/> with its default options.</summary>
    /// <exception cref="ArgumentException">No environment has that name.</exception>
    public static EnvironmentSpec GetSpec(string name) => Create(name).Spec;

    /// <summary>The spec of the environment called <paramref name="name"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or invalid options.</exception>
    public static EnvironmentSpec GetSpec(string name, EnvironmentOptions options) => Create(name, options).Spec;

    private static Entry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry;
        }
        throw new ArgumentException($"Unknown environment '{name}'; known environments: {string.Join(", ", NameList)}.", nameof(name));
    }

    private static EnvironmentOptions ResolveGomoku(EnvironmentOptions options) => options with
    {
        BoardSize = options.BoardSize ?? Gomoku.DefaultBoardSize,
        WinLength = options.WinLength ?? Gomoku.DefaultWinLength,
    };

    private static EnvironmentOptionError? CheckGomoku(EnvironmentOptions options)
    {
        if (options.BoardSize is int size and (< Gomoku.MinBoardSize or > Gomoku.MaxBoardSize))
            return new EnvironmentOptionError("board_size", $"in {Gomoku.MinBoardSize}..{Gomoku.MaxBoardSize}", size);
        int boardSize = options.BoardSize ?? Gomoku.DefaultBoardSize;
        int winLength = options.WinLength ?? Gomoku.DefaultWinLength;
        if (winLength < Gomoku.MinWinLength || winLength > boardSize)
        {
            string expected = $"in {Gomoku.MinWinLength}..{boardSize} (at most board_size, {boardSize}" + (options.BoardSize is null ? " by default)" : ")");
            return new EnvironmentOptionError("win_length", expected, winLength);
        }
        return null;
    }

    private static EnvironmentOptions ResolveMinAtar(EnvironmentOptions options) => options with
    {
        StickyActionProbability = options.StickyActionProbability ?? MinAtarSettings.DefaultStickyActionProbability,
        MinimalActionSet = options.MinimalActionSet ?? false,
    };

    private static EnvironmentOptions ResolveMinAtarWithRamping(EnvironmentOptions options) => ResolveMinAtar(options) with { Ramping = options.Ramping ?? true };

    private static EnvironmentOptionError? CheckMinAtar(EnvironmentOptions options) =>
        options.StickyActionProbability is double p && !(p is >= 0 and <= 1)
            ? new EnvironmentOptionError("sticky_action_probability", "in [0, 1]", p)
            : null;

    private static MinAtarSettings MinAtarSettingsOf(EnvironmentOptions options) =>
        new(options.StickyActionProbability!.Value, options.MinimalActionSet!.Value, options.Ramping ?? true);
}
