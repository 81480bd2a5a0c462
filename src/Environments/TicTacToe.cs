using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MuZero.Environments;

/// <summary>
/// Tic-tac-toe on a 3x3 board. Actions 0..8 name the cells row by row from the top left.
/// Player 0 plays X and moves first. The observation is three 3x3 planes: the stones of the
/// player to move, the opponent's stones, and a plane of ones when X is to move (zeros otherwise).
/// A winning move earns +1 for the player who made it; everything else, draws included, earns 0.
/// </summary>
public sealed class TicTacToe : IBoardGame
{
    /// <summary>Number of cells and actions.</summary>
    public const int CellCount = 9;

    /// <summary>Board value of player 0's stones (X).</summary>
    public const sbyte XStone = 1;

    /// <summary>Board value of player 1's stones (O).</summary>
    public const sbyte OStone = -1;

    private const int PlaneSize = CellCount;

    // Centre, corners, edges: the order in which cells lie on the most lines, for alpha-beta.
    private static readonly int[] SearchOrder = [4, 0, 2, 6, 8, 1, 3, 5, 7];

    private static readonly IReadOnlyList<BoardSymmetry> SquareSymmetries = BoardSymmetry.Square(3);

    private static readonly EnvironmentSpec SharedSpec = new("tictactoe", [3, 3, 3], ActionCount: CellCount, PlayerCount: 2, MaxEpisodeSteps: CellCount);

    private readonly sbyte[] _board = new sbyte[CellCount];
    private int _winner = -1;

    /// <summary>Creates an empty board with X to move.</summary>
    public TicTacToe() { }

    /// <inheritdoc />
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc />
    public int ToPlay { get; private set; }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public bool IsOver { get; private set; }

    /// <summary>The cells row by row: 0 empty, <see cref="XStone"/> (+1) for player 0, <see cref="OStone"/> (-1) for player 1.</summary>
    public ReadOnlySpan<sbyte> Board => _board;

    /// <inheritdoc />
    public int? Winner => _winner < 0 ? null : _winner;

    /// <summary>True when the board filled up without a winner.</summary>
    public bool IsDraw => IsOver && _winner < 0;

    /// <inheritdoc />
    public string MoveNotation => "a cell number 0..8, row by row from the top left";

    /// <inheritdoc />
    public IReadOnlyList<BoardSymmetry> Symmetries => SquareSymmetries;

    /// <summary>Board value of <paramref name="player"/>'s stones: +1 for player 0, -1 for player 1.</summary>
    public static sbyte StoneOf(int player) => player == 0 ? XStone : OStone;

    /// <summary>A game set up from a diagram such as <c>X.O/.X./..O</c>; see <see cref="LoadPosition"/>.</summary>
    public static TicTacToe FromPosition(string diagram)
    {
        var game = new TicTacToe();
        game.LoadPosition(diagram);
        return game;
    }

    /// <summary>A game in which <paramref name="moves"/> were played from the empty board.</summary>
    public static TicTacToe FromMoves(params ReadOnlySpan<int> moves)
    {
        var game = new TicTacToe();
        game.LoadMoves(moves);
        return game;
    }

    /// <summary>Empties the board. The start position is fixed, so <paramref name="seed"/> is unused.</summary>
    public void Reset(ulong seed)
    {
        Array.Clear(_board);
        ToPlay = 0;
        StepCount = 0;
        IsOver = false;
        _winner = -1;
    }

    /// <summary>
    /// Sets up the position drawn in <paramref name="diagram"/>: nine cells row by row, each
    /// <c>X</c>, <c>O</c> or <c>.</c> (also <c>-</c>), with optional <c>/</c> or whitespace between rows.
    /// The player to move follows from the stone counts (X moves first), and a completed line ends the game.
    /// </summary>
    /// <exception cref="ArgumentException">The diagram is malformed or cannot arise in a real game.</exception>
    public void LoadPosition(string diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        Span<sbyte> cells = stackalloc sbyte[CellCount];
        int count = 0, xCount = 0, oCount = 0;
        foreach (char c in diagram)
        {
            if (c == '/' || char.IsWhiteSpace(c)) continue;
            sbyte stone = c switch
            {
                'X' or 'x' => XStone,
                'O' or 'o' => OStone,
                '.' or '-' => (sbyte)0,
                _ => throw new ArgumentException($"Tic-tac-toe diagram '{diagram}' has invalid character '{c}'; use X, O, '.' and '/'.", nameof(diagram)),
            };
            if (count == CellCount) throw new ArgumentException($"Tic-tac-toe diagram '{diagram}' has more than 9 cells.", nameof(diagram));
            cells[count++] = stone;
            if (stone == XStone) xCount++;
            else if (stone == OStone) oCount++;
        }
        if (count != CellCount) throw new ArgumentException($"Tic-tac-toe diagram '{diagram}' has {count} cells, expected 9.", nameof(diagram));
        if (xCount - oCount is not (0 or 1))
            throw new ArgumentException($"Tic-tac-toe diagram '{diagram}' has {xCount} X and {oCount} O stones; X moves first, so X must have as many or one more.", nameof(diagram));

        bool xWon = TicTacToeLines.HasLine(cells, XStone);
        bool oWon = TicTacToeLines.HasLine(cells, OStone);
        // The winner made the last move, which fixes the stone counts.
        if ((xWon && (oWon || xCount != oCount + 1)) || (oWon && xCount != oCount))
            throw new ArgumentException($"Tic-tac-toe diagram '{diagram}' cannot arise in a game: the winner must have made the last move.", nameof(diagram));

        cells.CopyTo(_board);
        StepCount = xCount + oCount;
        ToPlay = xCount == oCount ? 0 : 1;
        _winner = xWon ? 0 : oWon ? 1 : -1;
        IsOver = _winner >= 0 || StepCount == CellCount;
    }

    /// <summary>Resets and plays <paramref name="moves"/> in order, X first.</summary>
    /// <exception cref="IllegalActionException">A move is illegal; the game is left just before it.</exception>
    public void LoadMoves(ReadOnlySpan<int> moves)
    {
        Reset(0);
        foreach (int move in moves) Step(move);
    }

    /// <summary>Copies the complete state of <paramref name="source"/> into this game (no allocation).</summary>
    public void CopyFrom(TicTacToe source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source._board.CopyTo(_board, 0);
        ToPlay = source.ToPlay;
        StepCount = source.StepCount;
        IsOver = source.IsOver;
        _winner = source._winner;
    }

    /// <inheritdoc />
    void IBoardGame.CopyFrom(IBoardGame source) =>
        CopyFrom(source as TicTacToe ?? throw new ArgumentException($"Cannot copy a '{source?.Spec.Name}' game into a tictactoe game.", nameof(source)));

    /// <summary>An independent copy of this game.</summary>
    public TicTacToe Clone()
    {
        var copy = new TicTacToe();
        copy.CopyFrom(this);
        return copy;
    }

    /// <inheritdoc />
    IBoardGame IBoardGame.Clone() => Clone();

    /// <inheritdoc />
    public void WriteObservation(Span<float> destination)
    {
        if (destination.Length != 3 * PlaneSize)
            throw new ArgumentException($"Observation needs {3 * PlaneSize} floats, got {destination.Length}.", nameof(destination));
        sbyte own = StoneOf(ToPlay);
        float colour = ToPlay == 0 ? 1f : 0f;
        for (int cell = 0; cell < CellCount; cell++)
        {
            sbyte stone = _board[cell];
            destination[cell] = stone == own ? 1f : 0f;
            destination[PlaneSize + cell] = stone == -own ? 1f : 0f;
            destination[2 * PlaneSize + cell] = colour;
        }
    }

    /// <inheritdoc />
    public void WriteLegalActions(Span<bool> destination)
    {
        if (destination.Length != CellCount)
            throw new ArgumentException($"Legal-action mask needs {CellCount} entries, got {destination.Length}.", nameof(destination));
        for (int cell = 0; cell < CellCount; cell++) destination[cell] = !IsOver && _board[cell] == 0;
    }

    /// <inheritdoc />
    public bool IsLegal(int action) => !IsOver && (uint)action < CellCount && _board[action] == 0;

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if ((uint)action >= CellCount)
            throw new IllegalActionException($"Tic-tac-toe action {action} is out of range; cells are 0..8.");
        if (IsOver)
            throw new IllegalActionException($"Tic-tac-toe action {action} was played after the game ended; call Reset first.");
        if (_board[action] != 0)
            throw new IllegalActionException($"Tic-tac-toe action {action} is illegal: cell {action} (row {action / 3}, column {action % 3}) is occupied.");

        sbyte stone = StoneOf(ToPlay);
        _board[action] = stone;
        StepCount++;
        bool won = TicTacToeLines.CompletesLine(_board, action, stone);
        if (won) _winner = ToPlay;
        IsOver = won || StepCount == CellCount;
        ToPlay = 1 - ToPlay;
        return new StepResult(won ? 1f : 0f, IsOver, Truncated: false);
    }

    /// <inheritdoc />
    public bool TryParseMove(string text, out int action, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        action = -1;
        string trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int cell) || cell >= CellCount)
        {
            error = $"'{trimmed}' is not a move: expected {MoveNotation}";
            return false;
        }
        if (IsOver)
        {
            error = "the game is over";
            return false;
        }
        if (_board[cell] != 0)
        {
            error = $"cell {cell} is occupied";
            return false;
        }
        action = cell;
        error = null;
        return true;
    }

    /// <inheritdoc />
    public string FormatMove(int action)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)action, (uint)CellCount, nameof(action));
        return action.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The board with the cell numbers beside it, e.g. <c>X . O    0 1 2</c> on its top line.</summary>
    public string Render()
    {
        var text = new StringBuilder(3 * 16);
        for (int row = 0; row < 3; row++)
        {
            for (int column = 0; column < 3; column++) text.Append(column > 0 ? " " : "").Append(Symbol(_board[3 * row + column]));
            text.Append("   ");
            for (int column = 0; column < 3; column++) text.Append(' ').Append((char)('0' + 3 * row + column));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public string Diagram => ToString();

    /// <inheritdoc />
    public int Heuristic()
    {
        sbyte own = StoneOf(ToPlay);
        ReadOnlySpan<byte> cells = TicTacToeLines.Cells;
        int sum = 0;
        for (int i = 0; i < cells.Length; i += 3)
        {
            int mine = 0, theirs = 0;
            for (int j = i; j < i + 3; j++)
            {
                sbyte stone = _board[cells[j]];
                if (stone == own) mine++;
                else if (stone != 0) theirs++;
            }
            sum += WindowScore.Of(mine, theirs);
        }
        return sum;
    }

    /// <inheritdoc />
    public int WriteSearchMoves(Span<int> destination)
    {
        if (destination.Length < CellCount)
            throw new ArgumentException($"Destination needs room for {CellCount} moves, got {destination.Length}.", nameof(destination));
        int count = 0;
        foreach (int cell in SearchOrder)
        {
            if (IsLegal(cell)) destination[count++] = cell;
        }
        return count;
    }

    private static char Symbol(sbyte stone) => stone switch { XStone => 'X', OStone => 'O', _ => '.' };

    /// <summary>The position as a diagram, e.g. <c>X.O/.X./..O</c> (accepted by <see cref="LoadPosition"/>).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(11);
        for (int cell = 0; cell < CellCount; cell++)
        {
            if (cell is 3 or 6) text.Append('/');
            text.Append(_board[cell] switch { XStone => 'X', OStone => 'O', _ => '.' });
        }
        return text.ToString();
    }
}
