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

    /// <summary>Every option by its config name (snake_case), given or not.</summary>
    internal IEnumerable<(string Name, int? Value)> All => [("board_size", BoardSize), ("win_length", WinLength)];
}
