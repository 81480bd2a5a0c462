using System.Numerics;
using System.Text;

namespace MuZero.Environments;

/// <summary>
/// A Connect Four position (7 columns x 6 rows, stones fall to the lowest empty cell) as two 64-bit boards,
/// immutable: <see cref="Play"/> returns the next position. Columns are 0..6 from the left in this API; the
/// move strings of <see cref="Parse"/> use the test-set notation, digits 1..7.
/// </summary>
/// <remarks>
/// Bit layout: column <c>c</c> owns bits <c>7c .. 7c+6</c>, row 0 (the bottom) first. Bit <c>7c+6</c> is a
/// sentinel that is never set, so that shifting a board by one cell in any of the four line directions never
/// carries a stone from the top of one column into the bottom of the next: every line that leaves the board
/// passes through a sentinel (or off the 64 bits). The two boards are the stones of the player to move and all
/// stones; the opponent's stones are their exclusive or.
/// </remarks>
public readonly struct ConnectFourPosition : IEquatable<ConnectFourPosition>
{
    /// <summary>Number of columns.</summary>
    public const int Width = 7;

    /// <summary>Number of rows.</summary>
    public const int Height = 6;

    /// <summary>Number of cells: the longest game has this many moves.</summary>
    public const int CellCount = Width * Height;

    /// <summary>Bits per column: <see cref="Height"/> cells and the sentinel.</summary>
    internal const int ColumnStride = Height + 1;

    /// <summary>The bottom cell of every column.</summary>
    internal const ulong BottomRow = 0b0000001_0000001_0000001_0000001_0000001_0000001_0000001UL;

    /// <summary>Every playable cell (sentinels excluded).</summary>
    internal const ulong BoardMask = BottomRow * ((1UL << Height) - 1);

    private readonly ulong _current;
    private readonly ulong _occupied;
    private readonly int _moves;

    private ConnectFourPosition(ulong current, ulong occupied, int moves)
    {
        _current = current;
        _occupied = occupied;
        _moves = moves;
    }

    /// <summary>The empty board, first player to move.</summary>
    public static ConnectFourPosition Empty => default;

    /// <summary>Stones on the board.</summary>
    public int MovesPlayed => _moves;

    /// <summary>The player to move: 0 (who moved first) or 1.</summary>
    public int PlayerToMove => _moves & 1;

    /// <summary>
    /// A number that identifies the position (both players' stones and who is to move) among all positions:
    /// the sum of the mover's board and the occupied board, below 2^49. In each column that sum is
    /// <c>2^h - 1 + v</c> for height <c>h</c> and mover stones <c>v &lt; 2^h</c>, which stays inside the column's
    /// seven bits and falls in a range no other height reaches, so different positions have different keys.
    /// </summary>
    public ulong Key => _current + _occupied;

    /// <summary>True when the player who made the last move has four in a row (the game ended with it).</summary>
    public bool IsWon => HasFourInARow(_current ^ _occupied);

    /// <summary>True when the game is over: the last move won or the board is full.</summary>
    public bool IsOver => _moves == CellCount || IsWon;

    /// <summary>The mover's stones (bit layout in the type's remarks).</summary>
    internal ulong Current => _current;

    /// <summary>All stones.</summary>
    internal ulong Occupied => _occupied;

    /// <summary>
    /// The position after the moves in <paramref name="moves"/>, one digit 1..7 per move (1 = leftmost column),
    /// first player first, as in the test sets; the empty string is the empty board.
    /// </summary>
    /// <exception cref="FormatException">A character is not a digit 1..7, a column is full, or a move follows the
    /// move that won the game. The message names the move (1-based) and the problem.</exception>
    public static ConnectFourPosition Parse(string moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        return TryParse(moves, out var position, out string? error) ? position : throw new FormatException(error);
    }

    /// <summary>
    /// The position after <paramref name="columns"/> (0..6 each, as environment actions) from the empty board, e.g.
    /// to rebuild a game from its action history.
    /// </summary>
    /// <exception cref="IllegalActionException">A column is outside 0..6 or full, or a move follows the winning move.</exception>
    public static ConnectFourPosition FromColumns(ReadOnlySpan<int> columns)
    {
        var position = Empty;
        foreach (int column in columns) position = position.Play(column);
        return position;
    }

    /// <summary>
    /// The position with these stones (bit layout of the type's remarks, as <see cref="ConnectFour.StonesOf"/> gives
    /// them); the player to move follows from the counts.
    /// </summary>
    /// <exception cref="ArgumentException">The boards overlap, use a sentinel bit, leave a gap under a stone, or have
    /// stone counts that no game reaches (the first player has as many stones as the second, or one more).</exception>
    public static ConnectFourPosition FromStones(ulong firstPlayer, ulong secondPlayer)
    {
        if ((firstPlayer & secondPlayer) != 0) throw new ArgumentException("The two players' stones overlap.", nameof(secondPlayer));
        ulong occupied = firstPlayer | secondPlayer;
        if ((occupied & ~BoardMask) != 0) throw new ArgumentException("A stone lies outside the 7 x 6 cells (a sentinel bit is set).", nameof(firstPlayer));
        // Stacked columns: adding the bottom row carries each column's block of stones into the cell above it, which
        // overlaps a stone only when some stone floats above an empty cell.
        if (((occupied + BottomRow) & occupied) != 0) throw new ArgumentException("A stone floats above an empty cell.", nameof(firstPlayer));
        int first = BitOperations.PopCount(firstPlayer), second = BitOperations.PopCount(secondPlayer);
        if (first - second is not (0 or 1))
            throw new ArgumentException($"The first player has {first} stones and the second {second}; a game has equal counts or one more for the first.", nameof(firstPlayer));
        int moves = first + second;
        return new ConnectFourPosition((moves & 1) == 0 ? firstPlayer : secondPlayer, occupied, moves);
    }

    /// <summary>The position of <paramref name="game"/> (its stones; whoever is to move follows from them).</summary>
    public static ConnectFourPosition FromGame(ConnectFour game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return FromStones(game.StonesOf(0), game.StonesOf(1));
    }

    /// <summary>Like <see cref="Parse"/>, but returns false and a one-line <paramref name="error"/> instead of throwing.</summary>
    public static bool TryParse(string moves, out ConnectFourPosition position, out string? error)
    {
        ArgumentNullException.ThrowIfNull(moves);
        position = Empty;
        for (int i = 0; i < moves.Length; i++)
        {
            char digit = moves[i];
            if (digit is < '1' or > '7')
            {
                error = $"move {i + 1} of \"{moves}\": '{digit}' is not a column 1..7";
                return false;
            }
            int column = digit - '1';
            if (position.IsWon)
            {
                error = $"move {i + 1} of \"{moves}\": the game was already won by move {i}";
                return false;
            }
            if (!position.CanPlay(column))
            {
                error = $"move {i + 1} of \"{moves}\": column {column + 1} is full";
                return false;
            }
            position = position.PlayUnchecked(column);
        }
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="column"/> (0..6) is inside the board and not full.</summary>
    public bool CanPlay(int column) => (uint)column < Width && (_occupied & TopCell(column)) == 0;

    /// <summary>Stones in <paramref name="column"/> (0..6).</summary>
    public int ColumnHeight(int column)
    {
        ThrowIfNotAColumn(column);
        return BitOperations.PopCount(_occupied & ColumnMask(column));
    }

    /// <summary>Who holds the cell: -1 empty, 0 the first player, 1 the second. Row 0 is the bottom.</summary>
    public int OwnerAt(int column, int row)
    {
        ThrowIfNotAColumn(column);
        if ((uint)row >= Height) throw new ArgumentOutOfRangeException(nameof(row), row, $"Rows are 0..{Height - 1}.");
        ulong cell = 1UL << (column * ColumnStride + row);
        if ((_occupied & cell) == 0) return -1;
        bool mover = (_current & cell) != 0;
        return mover ? PlayerToMove : 1 - PlayerToMove;
    }

    /// <summary>The position after the player to move drops a stone in <paramref name="column"/> (0..6).</summary>
    /// <exception cref="IllegalActionException">The column is outside 0..6 or full, or the game is over.</exception>
    public ConnectFourPosition Play(int column)
    {
        if ((uint)column >= Width) throw new IllegalActionException($"Connect Four column {column} is outside 0..{Width - 1}.");
        if (IsWon) throw new IllegalActionException("The Connect Four game is over: the last move won.");
        if (!CanPlay(column)) throw new IllegalActionException($"Connect Four column {column} is full.");
        return PlayUnchecked(column);
    }

    /// <summary>True when dropping a stone in <paramref name="column"/> (0..6, playable) makes four in a row for the player to move.</summary>
    public bool IsWinningMove(int column) =>
        CanPlay(column) && (WinningCells(_current, _occupied) & PossibleMoves(_occupied) & ColumnMask(column)) != 0;

    /// <summary>True when the player to move has a winning move.</summary>
    public bool CanWinNext => (WinningCells(_current, _occupied) & PossibleMoves(_occupied)) != 0;

    /// <summary>
    /// Writes into <paramref name="columns"/> (room for 7) the playable columns that do not let the opponent win
    /// at once, in increasing order, and returns how many: with one opponent threat only its block, with two
    /// none, and never a cell right under an opponent's winning cell. Meaningful only when the player to move
    /// has no winning move (<see cref="CanWinNext"/> is false), as the solver uses it.
    /// </summary>
    public int NonLosingMoves(Span<int> columns)
    {
        if (columns.Length < Width) throw new ArgumentException($"Need room for {Width} columns, got {columns.Length}.", nameof(columns));
        ulong moves = NonLosingMoves(_current, _occupied);
        int count = 0;
        for (int column = 0; column < Width; column++)
        {
            if ((moves & ColumnMask(column)) != 0) columns[count++] = column;
        }
        return count;
    }

    /// <summary>The board drawn top row first, one line per row: <c>X</c> first player, <c>O</c> second, <c>.</c> empty.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Height * (Width + 1));
        for (int row = Height - 1; row >= 0; row--)
        {
            for (int column = 0; column < Width; column++)
            {
                text.Append(OwnerAt(column, row) switch { 0 => 'X', 1 => 'O', _ => '.' });
            }
            if (row > 0) text.Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(ConnectFourPosition other) => _current == other._current && _occupied == other._occupied;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConnectFourPosition other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Key.GetHashCode();

    /// <summary>Equality of both players' stones (the move count follows from them).</summary>
    public static bool operator ==(ConnectFourPosition left, ConnectFourPosition right) => left.Equals(right);

    /// <summary>Inequality of <see cref="operator ==(ConnectFourPosition, ConnectFourPosition)"/>.</summary>
    public static bool operator !=(ConnectFourPosition left, ConnectFourPosition right) => !left.Equals(right);

    /// <summary>The cells of one column (sentinel excluded).</summary>
    internal static ulong ColumnMask(int column) => ((1UL << Height) - 1) << (column * ColumnStride);

    /// <summary>The lowest empty cell of every column that is not full.</summary>
    internal static ulong PossibleMoves(ulong occupied) => (occupied + BottomRow) & BoardMask;

    /// <summary>
    /// The empty cells that would complete four in a row for <paramref name="stones"/>: for each direction, the
    /// cells with three own stones at the other three places of some line of four through them.
    /// </summary>
    internal static ulong WinningCells(ulong stones, ulong occupied)
    {
        // Vertical: only the cell on top of three stacked stones.
        ulong cells = (stones << 1) & (stones << 2) & (stones << 3);
        cells |= LineCompletions(stones, ColumnStride);     // horizontal
        cells |= LineCompletions(stones, ColumnStride + 1); // diagonal rising to the right
        cells |= LineCompletions(stones, ColumnStride - 1); // diagonal falling to the right
        return cells & (BoardMask ^ occupied);
    }

    /// <summary>Cells at any of the four places of a line of step <paramref name="step"/> whose other three places hold stones.</summary>
    private static ulong LineCompletions(ulong stones, int step)
    {
        ulong below = (stones << step) & (stones << (2 * step)); // the two cells before are stones
        ulong above = (stones >> step) & (stones >> (2 * step)); // the two cells after are stones
        return (below & (stones << (3 * step)))   // three before
             | (below & (stones >> step))         // two before, one after
             | (above & (stones >> (3 * step)))   // three after
             | (above & (stones << step));        // one before, two after
    }

    /// <summary>True when <paramref name="stones"/> contain four in a row in some direction.</summary>
    internal static bool HasFourInARow(ulong stones)
    {
        ulong pairs = stones & (stones >> 1);
        if ((pairs & (pairs >> 2)) != 0) return true;
        pairs = stones & (stones >> ColumnStride);
        if ((pairs & (pairs >> (2 * ColumnStride))) != 0) return true;
        pairs = stones & (stones >> (ColumnStride + 1));
        if ((pairs & (pairs >> (2 * (ColumnStride + 1)))) != 0) return true;
        pairs = stones & (stones >> (ColumnStride - 1));
        return (pairs & (pairs >> (2 * (ColumnStride - 1)))) != 0;
    }

    /// <summary>
    /// The moves (lowest empty cells) that do not hand the opponent an immediate win, assuming the mover has none:
    /// if the opponent has one winning cell that can be played now, only blocking it; with two, nothing; and never
    /// the cell just below an opponent winning cell.
    /// </summary>
    internal static ulong NonLosingMoves(ulong current, ulong occupied)
    {
        ulong possible = PossibleMoves(occupied);
        ulong threats = WinningCells(current ^ occupied, occupied);
        ulong forced = possible & threats;
        if (forced != 0)
        {
            if ((forced & (forced - 1)) != 0) return 0; // two threats: whatever we block, the other wins
            possible = forced;
        }
        return possible & ~(threats >> 1);
    }

    private ConnectFourPosition PlayUnchecked(int column)
    {
        ulong cell = (_occupied + (1UL << (column * ColumnStride))) & ColumnMask(column);
        return new ConnectFourPosition(_current ^ _occupied, _occupied | cell, _moves + 1);
    }

    private static ulong TopCell(int column) => 1UL << (column * ColumnStride + Height - 1);

    private static void ThrowIfNotAColumn(int column)
    {
        if ((uint)column >= Width) throw new ArgumentOutOfRangeException(nameof(column), column, $"Columns are 0..{Width - 1}.");
    }
}
