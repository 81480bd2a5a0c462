using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MuZero.Environments;

/// <summary>
/// Connect Four: 6 rows by 7 columns, stones fall to the lowest empty cell of a column, four in a row (horizontally,
/// vertically or diagonally) wins, a full board is a draw. Action c (0..6) drops a stone into column c, counted from
/// the left; people write columns 1..7. Player 0 plays X and moves first.
/// The observation is three 6x7 planes [3, 6, 7] as in <see cref="TicTacToe"/>: the stones of the player to move, the
/// opponent's stones, and a plane of ones when X is to move; row 0 of each plane is the top row of the board.
/// A winning move earns +1 for the player who made it; everything else, draws included, earns 0.
/// </summary>
/// <remarks>
/// Bitboards: bit <c>7 * column + row</c> (row 0 at the bottom) of one 64-bit word per player; the seventh bit of
/// each column stays empty, so shifting a board by 1, 6, 7 or 8 bits never carries a stone into a neighbouring
/// column, and four in a row in all four directions is found with eight shifts and ANDs.
/// </remarks>
public sealed class ConnectFour : IBoardGame
{
    /// <summary>Number of columns and actions.</summary>
    public const int Columns = 7;

    /// <summary>Number of rows.</summary>
    public const int Rows = 6;

    /// <summary>Number of cells.</summary>
    public const int CellCount = Rows * Columns;

    private const int ColumnBits = Rows + 1;
    private const ulong ColumnCells = (1UL << Rows) - 1;

    private static readonly EnvironmentSpec SharedSpec = new("connect4", [3, Rows, Columns], ActionCount: Columns, PlayerCount: 2, MaxEpisodeSteps: CellCount);

    private static readonly IReadOnlyList<BoardSymmetry> MirrorSymmetries = BoardSymmetry.ColumnMirror(Rows, Columns);

    // Centre columns first: they lie on the most lines, so alpha-beta finds good moves (and cut-offs) early.
    private static readonly int[] SearchOrder = [3, 2, 4, 1, 5, 0, 6];

    // Every run of four cells on the board (69), as bit masks, for the heuristic.
    private static readonly ulong[] Windows = BuildWindows();

    private ulong _xStones;
    private ulong _oStones;
    private int _winner = -1;

    /// <summary>Creates an empty board with X to move.</summary>
    public ConnectFour() { }

    /// <inheritdoc />
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc />
    public int ToPlay { get; private set; }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public bool IsOver { get; private set; }

    /// <inheritdoc />
    public int? Winner => _winner < 0 ? null : _winner;

    /// <summary>True when the board filled up without a winner.</summary>
    public bool IsDraw => IsOver && _winner < 0;

    /// <inheritdoc />
    public string MoveNotation => "a column number 1..7, counted from the left";

    /// <inheritdoc />
    public IReadOnlyList<BoardSymmetry> Symmetries => MirrorSymmetries;

    /// <summary>The stone at <paramref name="row"/> (0 = bottom) and <paramref name="column"/> (0 = left): 0 for player 0 (X), 1 for player 1 (O), -1 for none.</summary>
    public int StoneAt(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)Columns, nameof(column));
        ulong bit = 1UL << (column * ColumnBits + row);
        return (_xStones & bit) != 0 ? 0 : (_oStones & bit) != 0 ? 1 : -1;
    }

    /// <summary>
    /// The stones of <paramref name="player"/> (0 = X, 1 = O) as a bitboard: bit <c>7 * column + row</c>, row 0 at the
    /// bottom, the seventh bit of each column always clear (the layout of the remarks, shared with solvers).
    /// </summary>
    public ulong StonesOf(int player)
    {
        if (player is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(player), player, "Player must be 0 or 1.");
        return player == 0 ? _xStones : _oStones;
    }

    /// <summary>Number of stones in <paramref name="column"/> (0..6).</summary>
    public int Height(int column)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)Columns, nameof(column));
        return BitOperations.PopCount((_xStones | _oStones) & (ColumnCells << (column * ColumnBits)));
    }

    /// <summary>A game set up from a diagram such as <c>......./......./......./......./...O.../..XX...</c>; see <see cref="LoadPosition"/>.</summary>
    public static ConnectFour FromPosition(string diagram)
    {
        var game = new ConnectFour();
        game.LoadPosition(diagram);
        return game;
    }

    /// <summary>A game in which the columns <paramref name="moves"/> (0..6) were played from the empty board.</summary>
    public static ConnectFour FromMoves(params ReadOnlySpan<int> moves)
    {
        var game = new ConnectFour();
        foreach (int move in moves) game.Step(move);
        return game;
    }

    /// <summary>Empties the board. The start position is fixed, so <paramref name="seed"/> is unused.</summary>
    public void Reset(ulong seed)
    {
        _xStones = 0;
        _oStones = 0;
        ToPlay = 0;
        StepCount = 0;
        IsOver = false;
        _winner = -1;
    }

    /// <summary>
    /// Sets up the position drawn in <paramref name="diagram"/>: 42 cells, the top row first, each <c>X</c>, <c>O</c>
    /// or <c>.</c> (also <c>-</c>), with optional <c>/</c> or white space between rows. The player to move follows from
    /// the stone counts (X moves first), and four in a row ends the game.
    /// </summary>
    /// <exception cref="ArgumentException">The diagram is malformed or cannot arise in a real game (a stone floats, wrong counts, two winners).</exception>
    public void LoadPosition(string diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ulong x = 0, o = 0;
        int count = 0;
        foreach (char c in diagram)
        {
            if (c == '/' || char.IsWhiteSpace(c)) continue;
            if (count == CellCount) throw new ArgumentException($"Connect Four diagram '{diagram}' has more than {CellCount} cells.", nameof(diagram));
            int row = Rows - 1 - count / Columns, column = count % Columns;
            ulong bit = 1UL << (column * ColumnBits + row);
            switch (c)
            {
                case 'X' or 'x': x |= bit; break;
                case 'O' or 'o': o |= bit; break;
                case '.' or '-': break;
                default: throw new ArgumentException($"Connect Four diagram '{diagram}' has invalid character '{c}'; use X, O, '.' and '/'.", nameof(diagram));
            }
            count++;
        }
        if (count != CellCount) throw new ArgumentException($"Connect Four diagram '{diagram}' has {count} cells, expected {CellCount}.", nameof(diagram));
        ulong all = x | o;
        // Stones rest on the bottom or on another stone: adding the bottom row to each column's stones must carry
        // exactly into the first empty cell, which is the case only when the stones form a solid run from the bottom.
        for (int column = 0; column < Columns; column++)
        {
            ulong stones = (all >> (column * ColumnBits)) & ColumnCells;
            if ((stones & (stones + 1)) != 0)
                throw new ArgumentException($"Connect Four diagram '{diagram}' has a floating stone in column {column + 1}.", nameof(diagram));
        }
        int xCount = BitOperations.PopCount(x), oCount = BitOperations.PopCount(o);
        if (xCount - oCount is not (0 or 1))
            throw new ArgumentException($"Connect Four diagram '{diagram}' has {xCount} X and {oCount} O stones; X moves first, so X must have as many or one more.", nameof(diagram));
        bool xWon = HasFour(x), oWon = HasFour(o);
        if ((xWon && (oWon || xCount != oCount + 1)) || (oWon && xCount != oCount))
            throw new ArgumentException($"Connect Four diagram '{diagram}' cannot arise in a game: the winner must have made the last move.", nameof(diagram));

        _xStones = x;
        _oStones = o;
        StepCount = xCount + oCount;
        ToPlay = xCount == oCount ? 0 : 1;
        _winner = xWon ? 0 : oWon ? 1 : -1;
        IsOver = _winner >= 0 || StepCount == CellCount;
    }

    /// <summary>Copies the complete state of <paramref name="source"/> into this game (no allocation).</summary>
    public void CopyFrom(ConnectFour source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _xStones = source._xStones;
        _oStones = source._oStones;
        ToPlay = source.ToPlay;
        StepCount = source.StepCount;
        IsOver = source.IsOver;
        _winner = source._winner;
    }

    /// <inheritdoc />
    void IBoardGame.CopyFrom(IBoardGame source) =>
        CopyFrom(source as ConnectFour ?? throw new ArgumentException($"Cannot copy a '{source?.Spec.Name}' game into a connect4 game.", nameof(source)));

    /// <summary>An independent copy of this game.</summary>
    public ConnectFour Clone()
    {
        var copy = new ConnectFour();
        copy.CopyFrom(this);
        return copy;
    }

    /// <inheritdoc />
    IBoardGame IBoardGame.Clone() => Clone();

    /// <inheritdoc />
    public void WriteObservation(Span<float> destination)
    {
        if (destination.Length != 3 * CellCount)
            throw new ArgumentException($"Observation needs {3 * CellCount} floats, got {destination.Length}.", nameof(destination));
        ulong own = ToPlay == 0 ? _xStones : _oStones;
        ulong other = ToPlay == 0 ? _oStones : _xStones;
        float colour = ToPlay == 0 ? 1f : 0f;
        for (int h = 0; h < Rows; h++)
        {
            int row = Rows - 1 - h; // plane row 0 is the top of the board
            for (int column = 0; column < Columns; column++)
            {
                ulong bit = 1UL << (column * ColumnBits + row);
                int cell = h * Columns + column;
                destination[cell] = (own & bit) != 0 ? 1f : 0f;
                destination[CellCount + cell] = (other & bit) != 0 ? 1f : 0f;
                destination[2 * CellCount + cell] = colour;
            }
        }
    }

    /// <inheritdoc />
    public void WriteLegalActions(Span<bool> destination)
    {
        if (destination.Length != Columns)
            throw new ArgumentException($"Legal-action mask needs {Columns} entries, got {destination.Length}.", nameof(destination));
        for (int column = 0; column < Columns; column++) destination[column] = IsLegal(column);
    }

    /// <inheritdoc />
    public bool IsLegal(int action) => !IsOver && (uint)action < Columns && !IsFull(action);

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if ((uint)action >= Columns)
            throw new IllegalActionException($"Connect Four action {action} is out of range; columns are 0..6.");
        if (IsOver)
            throw new IllegalActionException($"Connect Four action {action} was played after the game ended; call Reset first.");
        if (IsFull(action))
            throw new IllegalActionException($"Connect Four action {action} is illegal: column {action} is full.");

        ulong all = _xStones | _oStones;
        // Adding the column's bottom bit carries through its stones into the lowest empty cell.
        ulong stone = (all + (1UL << (action * ColumnBits))) & (ColumnCells << (action * ColumnBits));
        bool won;
        if (ToPlay == 0)
        {
            _xStones |= stone;
            won = HasFour(_xStones);
        }
        else
        {
            _oStones |= stone;
            won = HasFour(_oStones);
        }
        StepCount++;
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
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int column) || column is < 1 or > Columns)
        {
            error = $"'{trimmed}' is not a move: expected {MoveNotation}";
            return false;
        }
        if (IsOver)
        {
            error = "the game is over";
            return false;
        }
        if (IsFull(column - 1))
        {
            error = $"column {column} is full";
            return false;
        }
        action = column - 1;
        error = null;
        return true;
    }

    /// <inheritdoc />
    public string FormatMove(int action)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)action, (uint)Columns, nameof(action));
        return (action + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public string Render()
    {
        var text = new StringBuilder((Rows + 1) * 2 * Columns);
        for (int row = Rows - 1; row >= 0; row--)
        {
            for (int column = 0; column < Columns; column++)
            {
                if (column > 0) text.Append(' ');
                text.Append(Symbol(row, column));
            }
            text.Append('\n');
        }
        text.Append("1 2 3 4 5 6 7\n");
        return text.ToString();
    }

    /// <inheritdoc />
    public string Diagram
    {
        get
        {
            var text = new StringBuilder(CellCount + Rows);
            for (int row = Rows - 1; row >= 0; row--)
            {
                if (row < Rows - 1) text.Append('/');
                for (int column = 0; column < Columns; column++) text.Append(Symbol(row, column));
            }
            return text.ToString();
        }
    }

    /// <summary>The position as <see cref="Diagram"/> (accepted by <see cref="LoadPosition"/>).</summary>
    public override string ToString() => Diagram;

    /// <inheritdoc />
    public int Heuristic()
    {
        ulong own = ToPlay == 0 ? _xStones : _oStones;
        ulong other = ToPlay == 0 ? _oStones : _xStones;
        long sum = 0;
        foreach (ulong window in Windows)
            sum += WindowScore.Of(BitOperations.PopCount(own & window), BitOperations.PopCount(other & window));
        return WindowScore.Clamp(sum);
    }

    /// <inheritdoc />
    public int WriteSearchMoves(Span<int> destination)
    {
        if (destination.Length < Columns)
            throw new ArgumentException($"Destination needs room for {Columns} moves, got {destination.Length}.", nameof(destination));
        int count = 0;
        foreach (int column in SearchOrder)
        {
            if (IsLegal(column)) destination[count++] = column;
        }
        return count;
    }

    private bool IsFull(int column) => ((_xStones | _oStones) & (1UL << (column * ColumnBits + Rows - 1))) != 0;

    private char Symbol(int row, int column) => StoneAt(row, column) switch { 0 => 'X', 1 => 'O', _ => '.' };

    /// <summary>True when <paramref name="stones"/> hold four in a row: per direction, pairs, then pairs of pairs.</summary>
    private static bool HasFour(ulong stones)
    {
        // Shift 1: up a column; 7: along a row; 6 and 8: the two diagonals.
        ulong pairs = stones & (stones >> 1);
        if ((pairs & (pairs >> 2)) != 0) return true;
        pairs = stones & (stones >> ColumnBits);
        if ((pairs & (pairs >> 2 * ColumnBits)) != 0) return true;
        pairs = stones & (stones >> (ColumnBits - 1));
        if ((pairs & (pairs >> 2 * (ColumnBits - 1))) != 0) return true;
        pairs = stones & (stones >> (ColumnBits + 1));
        return (pairs & (pairs >> 2 * (ColumnBits + 1))) != 0;
    }

    private static ulong[] BuildWindows()
    {
        var windows = new List<ulong>(69);
        ReadOnlySpan<(int Row, int Column)> directions = [(0, 1), (1, 0), (1, 1), (1, -1)];
        for (int row = 0; row < Rows; row++)
        {
            for (int column = 0; column < Columns; column++)
            {
                foreach (var (dr, dc) in directions)
                {
                    int endRow = row + 3 * dr, endColumn = column + 3 * dc;
                    if (endRow is < 0 or >= Rows || endColumn is < 0 or >= Columns) continue;
                    ulong mask = 0;
                    for (int i = 0; i < 4; i++) mask |= 1UL << ((column + i * dc) * ColumnBits + row + i * dr);
                    windows.Add(mask);
                }
            }
        }
        return windows.ToArray();
    }
}
