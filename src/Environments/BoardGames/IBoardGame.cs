using System.Diagnostics.CodeAnalysis;

namespace MuZero.Environments;

/// <summary>
/// A two-player zero-sum board game: what reference opponents (alpha-beta, UCT) and the human play loop need
/// beyond <see cref="IEnvironment"/>. Player 0 moves first and plays X; player 1 plays O. Every game here has a
/// legal set that only shrinks as the game goes on (a move never makes an illegal action legal again), which the
/// random rollouts of <see cref="MctsOpponent"/> rely on.
/// </summary>
public interface IBoardGame : IEnvironment
{
    /// <summary>
    /// Bound on |<see cref="Heuristic"/>|: search scores of decided positions lie above it, so a heuristic
    /// estimate never outranks a forced win or loss.
    /// </summary>
    const int HeuristicLimit = 100_000_000;

    /// <summary>The player (0 or 1) who won, or null while undecided or after a draw.</summary>
    int? Winner { get; }

    /// <summary>How moves are written, for help texts, e.g. <c>a column number 1..7</c>.</summary>
    string MoveNotation { get; }

    /// <summary>
    /// The symmetries of the rules, identity first: each maps the cells of every observation plane (H x W, row-major)
    /// and the actions so that a mapped position plays exactly like the original (<see cref="BoardSymmetry"/>).
    /// </summary>
    IReadOnlyList<BoardSymmetry> Symmetries { get; }

    /// <summary>An independent copy of this game, in the same position.</summary>
    IBoardGame Clone();

    /// <summary>Copies the complete state of <paramref name="source"/> (the same game, of the same size) into this one, without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is another game or another board size.</exception>
    void CopyFrom(IBoardGame source);

    /// <summary>
    /// Reads a move written in this game's notation (<see cref="MoveNotation"/>; surrounding white space and letter case
    /// are ignored) and checks that it is legal now. On failure <paramref name="error"/> is one line saying why
    /// (malformed, off the board, occupied or full, game over) and nothing changes.
    /// </summary>
    bool TryParseMove(string text, out int action, [NotNullWhen(false)] out string? error);

    /// <summary>The action written in this game's notation (the inverse of <see cref="TryParseMove"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is not on the board.</exception>
    string FormatMove(int action);

    /// <summary>The board for people: several lines, the top row first, with the coordinates used by <see cref="FormatMove"/>.</summary>
    string Render();

    /// <summary>
    /// The board on one line, for programs and tests: the rows from the top, separated by <c>/</c>, each cell
    /// <c>X</c> (player 0), <c>O</c> (player 1) or <c>.</c> (empty).
    /// </summary>
    string Diagram { get; }

    /// <summary>
    /// A cheap static estimate of a position that is not over, from the point of view of the player to move (positive
    /// favours the player to move), for depth-limited search; |value| &lt; <see cref="HeuristicLimit"/>.
    /// </summary>
    int Heuristic();

    /// <summary>
    /// Writes the moves a search should consider into <paramref name="destination"/> (at least
    /// <see cref="EnvironmentSpec.ActionCount"/> long), the most promising first, and returns how many. Every one is
    /// legal; a game may leave out moves that cannot matter to a shallow search (Gomoku: cells far from every stone).
    /// Returns 0 when the game is over.
    /// </summary>
    int WriteSearchMoves(Span<int> destination);
}
