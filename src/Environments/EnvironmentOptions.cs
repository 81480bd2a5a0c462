namespace MuZero.Environments;

/// <summary>
/// The options a configurable game takes from the config's <c>environment</c> section (null = not given, the game's
/// default). Which game takes which option, their ranges and defaults live in <see cref="EnvironmentRegistry"/>.
/// </summary>
public sealed record EnvironmentOptions
{
    /// <summary>No option given.</summary>
    public static EnvironmentOptions None { get; } = new();

    /// <summary><c>board_size</c>: side of a square board (Gomoku).</summary>
    public int? BoardSize { get; init; }

    /// <summary><c>win_length</c>: stones in a row that win (Gomoku).</summary>
    public int? WinLength { get; init; }

    /// <summary><c>sticky_action_probability</c>: chance in [0, 1] that a step repeats the previous action (MinAtar games, default 0.1).</summary>
    public double? StickyActionProbability { get; init; }

    /// <summary><c>minimal_action_set</c>: only the game's minimal action set instead of all six actions (MinAtar games, default false).</summary>
    public bool? MinimalActionSet { get; init; }

    /// <summary><c>ramping</c>: difficulty ramping (MinAtar Asterix, Seaquest and Space Invaders, default true).</summary>
    public bool? Ramping { get; init; }

    /// <summary>Every option by its config name (snake_case), given or not.</summary>
    internal IEnumerable<(string Name, object? Value)> All =>
    [
        ("board_size", BoardSize), ("win_length", WinLength), ("sticky_action_probability", StickyActionProbability),
        ("minimal_action_set", MinimalActionSet), ("ramping", Ramping),
    ];
}
