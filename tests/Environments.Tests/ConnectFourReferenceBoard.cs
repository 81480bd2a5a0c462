using System.Text;

namespace MuZero.Environments.Tests;

/// <summary>
/// Connect Four on a plain 7 x 6 array, written independently of the bitboards as a reference for the tests:
/// cell scans for four in a row, and an exhaustive negamax (no pruning, no table) for exact scores of late
/// positions, in the test sets' convention.
/// </summary>
internal sealed class ConnectFourReferenceBoard
{
    /// <summary>-1 empty, else the player (0 first, 1 second) of the stone; [column, row], row 0 at the bottom.</summary>
    public int[,] Cells { get; } = new int[7, 6];

    public int[] Heights { get; } = new int[7];

    public int Moves { get; private set; }

    /// <summary>True when the last move made four in a row.</summary>
    public bool IsWon { get; private set; }

    public ConnectFourReferenceBoard()
    {
        for (int c = 0; c < 7; c++)
            for (int r = 0; r < 6; r++) Cells[c, r] = -1;
    }

    public int ToMove => Moves % 2;

    public ConnectFourReferenceBoard Clone()
    {
        var copy = new ConnectFourReferenceBoard { Moves = Moves, IsWon = IsWon };
        Array.Copy(Cells, copy.Cells, Cells.Length);
        Array.Copy(Heights, copy.Heights, Heights.Length);
        return copy;
    }

    public void Play(int column)
    {
        if (Heights[column] == 6 || IsWon) throw new InvalidOperationException($"column {column} cannot be played");
        bool wins = WinsWith(column);
        Cells[column, Heights[column]++] = ToMove;
        Moves++;
        IsWon = wins;
    }

    public void Undo(int column)
    {
        Cells[column, --Heights[column]] = -1;
        Moves--;
        IsWon = false;
    }

    /// <summary>True when the player to move completes four in a row by playing <paramref name="column"/> (not full).</summary>
    public bool WinsWith(int column)
    {
        int row = Heights[column], player = ToMove;
        foreach (var (dc, dr) in new[] { (1, 0), (0, 1), (1, 1), (1, -1) })
        {
            int run = 1;
            for (int sign = -1; sign <= 1; sign += 2)
            {
                for (int k = 1; k < 4; k++)
                {
                    int c = column + sign * k * dc, r = row + sign * k * dr;
                    if (c < 0 || c >= 7 || r < 0 || r >= 6 || Cells[c, r] != player) break;
                    run++;
                }
            }
            if (run >= 4) return true;
        }
        return false;
    }

    /// <summary>
    /// Exact score for the player to move by full negamax: a win with the next stone scores 22 minus the winner's
    /// stones, a full board 0. Only for positions with few empty cells (the tree is searched whole).
    /// </summary>
    public int ExactScore()
    {
        if (Moves == 42) return 0;
        int best = int.MinValue;
        for (int column = 0; column < 7; column++)
        {
            if (Heights[column] < 6) best = Math.Max(best, MoveScore(column));
        }
        return best;
    }

    /// <summary>Exact score, for the player to move, of playing <paramref name="column"/> and then best play.</summary>
    public int MoveScore(int column)
    {
        if (WinsWith(column)) return 22 - (Moves / 2 + 1); // the mover's stones after this one
        Play(column);
        int score = -ExactScore();
        Undo(column);
        return score;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (int r = 5; r >= 0; r--)
        {
            for (int c = 0; c < 7; c++) text.Append(Cells[c, r] switch { 0 => 'X', 1 => 'O', _ => '.' });
            text.Append('/');
        }
        return text.Append(ToMove).ToString();
    }
}
