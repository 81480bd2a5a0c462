namespace MuZero.Environments;

/// <summary>The eight winning lines of the 3x3 board, shared by the game and its solver.</summary>
internal static class TicTacToeLines
{
    /// <summary>Cell triples, flattened: rows, then columns, then the two diagonals.</summary>
    public static ReadOnlySpan<byte> Cells => [0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 3, 6, 1, 4, 7, 2, 5, 8, 0, 4, 8, 2, 4, 6];

    /// <summary>True when <paramref name="stone"/> occupies a whole line of <paramref name="board"/>.</summary>
    public static bool HasLine(ReadOnlySpan<sbyte> board, sbyte stone)
    {
        ReadOnlySpan<byte> cells = Cells;
        for (int i = 0; i < cells.Length; i += 3)
        {
            if (board[cells[i]] == stone && board[cells[i + 1]] == stone && board[cells[i + 2]] == stone) return true;
        }
        return false;
    }

    /// <summary>True when the line through <paramref name="cell"/> is completed by <paramref name="stone"/>.</summary>
    public static bool CompletesLine(ReadOnlySpan<sbyte> board, int cell, sbyte stone)
    {
        ReadOnlySpan<byte> cells = Cells;
        for (int i = 0; i < cells.Length; i += 3)
        {
            if (cells[i] != cell && cells[i + 1] != cell && cells[i + 2] != cell) continue;
            if (board[cells[i]] == stone && board[cells[i + 1]] == stone && board[cells[i + 2]] == stone) return true;
        }
        return false;
    }
}
