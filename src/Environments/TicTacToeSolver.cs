namespace MuZero.Environments;

/// <summary>
/// Exact minimax values of every tic-tac-toe position, computed once (3^9 boards x 2 players to move)
/// when the type is first used and then looked up. Values are from the point of view of the player
/// to move: +1 forced win, 0 draw, -1 forced loss. Speed of winning is deliberately ignored.
/// Boards use the <see cref="TicTacToe.Board"/> convention: 0 empty, +1 X (player 0), -1 O (player 1).
/// </summary>
public static class TicTacToeSolver
{
    private const int BoardCount = 19683; // 3^9
    private const sbyte Unknown = sbyte.MinValue;

    private static readonly int[] PowersOfThree = [1, 3, 9, 27, 81, 243, 729, 2187, 6561];

    // Indexed by BoardIndex * 2 + toPlay. Every entry is filled, unreachable boards included,
    // so lookups never need to validate reachability.
    private static readonly sbyte[] Values = BuildTable();

    /// <summary>Minimax value of <paramref name="game"/> for its player to move (a finished game is -1 if decided, 0 if drawn).</summary>
    public static int Value(TicTacToe game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Value(game.Board, game.ToPlay);
    }

    /// <summary>Minimax value of <paramref name="board"/> for <paramref name="toPlay"/>: +1 win, 0 draw, -1 loss.</summary>
    public static int Value(ReadOnlySpan<sbyte> board, int toPlay) => Values[Key(board, toPlay)];

    /// <summary>
    /// Value, for <paramref name="toPlay"/>, of playing <paramref name="action"/> and then continuing optimally.
    /// </summary>
    /// <exception cref="ArgumentException">The position is finished or the cell is not an empty cell 0..8.</exception>
    public static int MoveValue(ReadOnlySpan<sbyte> board, int toPlay, int action)
    {
        int key = Key(board, toPlay);
        if (IsTerminal(board)) throw new ArgumentException("The position is finished; no move can be played.", nameof(board));
        if ((uint)action >= TicTacToe.CellCount || board[action] != 0)
            throw new ArgumentException($"Action {action} is not an empty cell 0..8.", nameof(action));
        int childBoard = key / 2 + DigitOf(TicTacToe.StoneOf(toPlay)) * PowersOfThree[action];
        return -Values[childBoard * 2 + (1 - toPlay)];
    }

    /// <summary>
    /// Writes every move that keeps the position's minimax value into <paramref name="destination"/>
    /// (at least 9 long) in increasing order and returns how many there are (0 when the game is over).
    /// </summary>
    public static int OptimalMoves(ReadOnlySpan<sbyte> board, int toPlay, Span<int> destination)
    {
        if (destination.Length < TicTacToe.CellCount)
            throw new ArgumentException($"Destination needs room for {TicTacToe.CellCount} moves, got {destination.Length}.", nameof(destination));
        int best = Value(board, toPlay);
        if (IsTerminal(board)) return 0;
        int count = 0;
        for (int cell = 0; cell < TicTacToe.CellCount; cell++)
        {
            if (board[cell] == 0 && MoveValue(board, toPlay, cell) == best) destination[count++] = cell;
        }
        return count;
    }

    /// <summary>Allocation-free form of <see cref="OptimalMoves(TicTacToe)"/>; returns the count written.</summary>
    public static int OptimalMoves(TicTacToe game, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(game);
        return OptimalMoves(game.Board, game.ToPlay, destination);
    }

    /// <summary>Every move that keeps the minimax value of <paramref name="game"/>, in increasing order.</summary>
    public static int[] OptimalMoves(TicTacToe game)
    {
        Span<int> moves = stackalloc int[TicTacToe.CellCount];
        int count = OptimalMoves(game, moves);
        return moves[..count].ToArray();
    }

    private static int Key(ReadOnlySpan<sbyte> board, int toPlay)
    {
        if (board.Length != TicTacToe.CellCount)
            throw new ArgumentException($"A tic-tac-toe board has {TicTacToe.CellCount} cells, got {board.Length}.", nameof(board));
        if (toPlay is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(toPlay), toPlay, "Player must be 0 or 1.");
        int index = 0;
        for (int cell = 0; cell < TicTacToe.CellCount; cell++)
        {
            sbyte stone = board[cell];
            if (stone is < -1 or > 1) throw new ArgumentException($"Board cell {cell} holds {stone}; expected -1, 0 or 1.", nameof(board));
            index += DigitOf(stone) * PowersOfThree[cell];
        }
        return index * 2 + toPlay;
    }

    private static int DigitOf(sbyte stone) => stone == TicTacToe.XStone ? 1 : stone == TicTacToe.OStone ? 2 : 0;

    private static bool IsTerminal(ReadOnlySpan<sbyte> board) =>
        TicTacToeLines.HasLine(board, TicTacToe.XStone) || TicTacToeLines.HasLine(board, TicTacToe.OStone) || !board.Contains((sbyte)0);

    private static sbyte[] BuildTable()
    {
        var table = new sbyte[BoardCount * 2];
        Array.Fill(table, Unknown);
        var board = new sbyte[TicTacToe.CellCount];
        for (int index = 0; index < BoardCount; index++)
        {
            int rest = index;
            for (int cell = 0; cell < TicTacToe.CellCount; cell++, rest /= 3)
            {
                board[cell] = (rest % 3) switch { 1 => TicTacToe.XStone, 2 => TicTacToe.OStone, _ => 0 };
            }
            Solve(table, board, index, 0);
            Solve(table, board, index, 1);
        }
        return table;
    }

    // Negamax with memoisation; depth is at most 9, so recursion is safe.
    private static int Solve(sbyte[] table, sbyte[] board, int index, int toPlay)
    {
        int key = index * 2 + toPlay;
        if (table[key] != Unknown) return table[key];

        sbyte own = TicTacToe.StoneOf(toPlay);
        int value;
        if (TicTacToeLines.HasLine(board, (sbyte)-own)) value = -1;
        else if (TicTacToeLines.HasLine(board, own)) value = 1; // unreachable in real games; defined for completeness
        else
        {
            value = 0; // full board without a line is a draw
            bool anyMove = false;
            int best = -1;
            for (int cell = 0; cell < TicTacToe.CellCount; cell++)
            {
                if (board[cell] != 0) continue;
                anyMove = true;
                board[cell] = own;
                int child = -Solve(table, board, index + DigitOf(own) * PowersOfThree[cell], 1 - toPlay);
                board[cell] = 0;
                if (child > best) best = child;
            }
            if (anyMove) value = best;
        }
        table[key] = (sbyte)value;
        return value;
    }
}
