using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MuZero.Environments;

/// <summary>
/// Freestyle Gomoku on an N x N board (N = <see cref="BoardSize"/>, 5..19, default 9): players alternately place a
/// stone on any empty cell, and <see cref="WinLength"/> (3..N, default 5) or more stones of one player in a row,
/// horizontally, vertically or diagonally, win (six or more in a row win too). A full board is a draw.
/// Action <c>row * N + column</c> places a stone with row 0 at the top and column 0 at the left. People write
/// coordinates like <c>e5</c>: the column letter (a = leftmost, no letter skipped) and the row number counted from the
/// bottom (1 = bottom row), so on 9 x 9 <c>a9</c> is action 0, <c>i1</c> is action 80 and <c>e5</c> (the centre) is 40.
/// Player 0 plays X (black) and moves first. The observation is three N x N planes [3, N, N] as in
/// <see cref="TicTacToe"/>: the stones of the player to move, the opponent's stones, and a plane of ones when X is to
/// move; plane row 0 is the top row, so plane cell (r, c) is action r * N + c. A winning move earns +1 for the player
/// who made it; everything else, draws included, earns 0.
/// </summary>
public sealed class Gomoku : IBoardGame
{
    /// <summary>Smallest board side allowed.</summary>
    public const int MinBoardSize = 5;

    /// <summary>Largest board side allowed (the Go board; coordinates run a..s).</summary>
    public const int MaxBoardSize = 19;

    /// <summary>Board side when the config names none.</summary>
    public const int DefaultBoardSize = 9;

    /// <summary>Shortest winning line allowed.</summary>
    public const int MinWinLength = 3;

    /// <summary>Winning line length when the config names none.</summary>
    public const int DefaultWinLength = 5;

    private const sbyte XStone = 1;
    private const sbyte OStone = -1;

    // Shapes shared by every game of one size (the spec, the lines, the search order), built once per size.
    private static readonly ConcurrentDictionary<(int Size, int WinLength), Geometry> Geometries = new();

    private static readonly (int Row, int Column)[] Directions = [(0, 1), (1, 0), (1, 1), (1, -1)];

    private readonly Geometry _geometry;
    private readonly sbyte[] _cells;
    private int _winner = -1;

    /// <summary>Creates an empty <paramref name="boardSize"/> x <paramref name="boardSize"/> board with X to move.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is outside 5..19 or the win length outside 3..size.</exception>
    public Gomoku(int boardSize = DefaultBoardSize, int winLength = DefaultWinLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(boardSize, MinBoardSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(boardSize, MaxBoardSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(winLength, MinWinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(winLength, boardSize);
        _geometry = Geometries.GetOrAdd((boardSize, winLength), key => new Geometry(key.Size, key.WinLength));
        _cells = new sbyte[boardSize * boardSize];
    }

    /// <summary>Side N of the board.</summary>
    public int BoardSize => _geometry.Size;

    /// <summary>Stones in a row that win.</summary>
    public int WinLength => _geometry.WinLength;

    /// <inheritdoc />
    public EnvironmentSpec Spec => _geometry.Spec;

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
    public string MoveNotation => _geometry.Notation;

    /// <inheritdoc />
    public IReadOnlyList<BoardSymmetry> Symmetries => _geometry.Symmetries;

    /// <summary>The stone on cell <paramref name="action"/>: 0 for player 0 (X), 1 for player 1 (O), -1 for none.</summary>
    public int StoneAt(int action)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)action, (uint)_cells.Length, nameof(action));
        return _cells[action] switch { XStone => 0, OStone => 1, _ => -1 };
    }

    /// <summary>A game set up from a diagram (rows from the top, <c>/</c> between them); see <see cref="LoadPosition"/>.</summary>
    public static Gomoku FromPosition(string diagram, int winLength = DefaultWinLength)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        int cells = diagram.Count(c => c is not '/' && !char.IsWhiteSpace(c));
        int size = (int)Math.Round(Math.Sqrt(cells));
        if (size * size != cells || size is < MinBoardSize or > MaxBoardSize)
            throw new ArgumentException($"Gomoku diagram '{diagram}' has {cells} cells, not a square board of side {MinBoardSize}..{MaxBoardSize}.", nameof(diagram));
        var game = new Gomoku(size, winLength);
        game.LoadPosition(diagram);
        return game;
    }

    /// <summary>Empties the board. The start position is fixed, so <paramref name="seed"/> is unused.</summary>
    public void Reset(ulong seed)
    {
        Array.Clear(_cells);
        ToPlay = 0;
        StepCount = 0;
        IsOver = false;
        _winner = -1;
    }

    /// <summary>
    /// Sets up the position drawn in <paramref name="diagram"/>: N x N cells, the top row first, each <c>X</c>,
    /// <c>O</c> or <c>.</c> (also <c>-</c>), with optional <c>/</c> or white space between rows. The player to move
    /// follows from the stone counts (X moves first), and a winning line ends the game.
    /// </summary>
    /// <exception cref="ArgumentException">The diagram is malformed or cannot arise in a real game.</exception>
    public void LoadPosition(string diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        int n = _cells.Length;
        Span<sbyte> cells = stackalloc sbyte[n];
        int count = 0, xCount = 0, oCount = 0;
        foreach (char c in diagram)
        {
            if (c == '/' || char.IsWhiteSpace(c)) continue;
            sbyte stone = c switch
            {
                'X' or 'x' => XStone,
                'O' or 'o' => OStone,
                '.' or '-' => (sbyte)0,
                _ => throw new ArgumentException($"Gomoku diagram '{diagram}' has invalid character '{c}'; use X, O, '.' and '/'.", nameof(diagram)),
            };
            if (count == n) throw new ArgumentException($"Gomoku diagram '{diagram}' has more than {n} cells.", nameof(diagram));
            cells[count++] = stone;
            if (stone == XStone) xCount++;
            else if (stone == OStone) oCount++;
        }
        if (count != n) throw new ArgumentException($"Gomoku diagram '{diagram}' has {count} cells, expected {n}.", nameof(diagram));
        if (xCount - oCount is not (0 or 1))
            throw new ArgumentException($"Gomoku diagram '{diagram}' has {xCount} X and {oCount} O stones; X moves first, so X must have as many or one more.", nameof(diagram));
        bool xWon = false, oWon = false;
        for (int cell = 0; cell < n; cell++)
        {
            if (cells[cell] == XStone) xWon |= CompletesLine(cells, cell, XStone);
            else if (cells[cell] == OStone) oWon |= CompletesLine(cells, cell, OStone);
        }
        if ((xWon && (oWon || xCount != oCount + 1)) || (oWon && xCount != oCount))
            throw new ArgumentException($"Gomoku diagram '{diagram}' cannot arise in a game: the winner must have made the last move.", nameof(diagram));

        cells.CopyTo(_cells);
        StepCount = xCount + oCount;
        ToPlay = xCount == oCount ? 0 : 1;
        _winner = xWon ? 0 : oWon ? 1 : -1;
        IsOver = _winner >= 0 || StepCount == n;
    }

    /// <summary>Copies the complete state of <paramref name="source"/>, a game of the same size and win length, into this one (no allocation).</summary>
    /// <exception cref="ArgumentException">The board size or win length differs.</exception>
    public void CopyFrom(Gomoku source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source._geometry != _geometry)
            throw new ArgumentException($"Cannot copy a {source.BoardSize}x{source.BoardSize} (win length {source.WinLength}) gomoku game into a {BoardSize}x{BoardSize} (win length {WinLength}) one.", nameof(source));
        source._cells.CopyTo(_cells, 0);
        ToPlay = source.ToPlay;
        StepCount = source.StepCount;
        IsOver = source.IsOver;
        _winner = source._winner;
    }

    /// <inheritdoc />
    void IBoardGame.CopyFrom(IBoardGame source) =>
        CopyFrom(source as Gomoku ?? throw new ArgumentException($"Cannot copy a '{source?.Spec.Name}' game into a gomoku game.", nameof(source)));

    /// <summary>An independent copy of this game.</summary>
    public Gomoku Clone()
    {
        var copy = new Gomoku(BoardSize, WinLength);
        copy.CopyFrom(this);
        return copy;
    }

    /// <inheritdoc />
    IBoardGame IBoardGame.Clone() => Clone();

    /// <inheritdoc />
    public void WriteObservation(Span<float> destination)
    {
        int n = _cells.Length;
        if (destination.Length != 3 * n)
            throw new ArgumentException($"Observation needs {3 * n} floats, got {destination.Length}.", nameof(destination));
        sbyte own = ToPlay == 0 ? XStone : OStone;
        float colour = ToPlay == 0 ? 1f : 0f;
        for (int cell = 0; cell < n; cell++)
        {
            sbyte stone = _cells[cell];
            destination[cell] = stone == own ? 1f : 0f;
            destination[n + cell] = stone == -own ? 1f : 0f;
            destination[2 * n + cell] = colour;
        }
    }

    /// <inheritdoc />
    public void WriteLegalActions(Span<bool> destination)
    {
        if (destination.Length != _cells.Length)
            throw new ArgumentException($"Legal-action mask needs {_cells.Length} entries, got {destination.Length}.", nameof(destination));
        for (int cell = 0; cell < _cells.Length; cell++) destination[cell] = !IsOver && _cells[cell] == 0;
    }

    /// <inheritdoc />
    public bool IsLegal(int action) => !IsOver && (uint)action < (uint)_cells.Length && _cells[action] == 0;

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if ((uint)action >= (uint)_cells.Length)
            throw new IllegalActionException($"Gomoku action {action} is out of range; cells are 0..{_cells.Length - 1}.");
        if (IsOver)
            throw new IllegalActionException($"Gomoku action {action} was played after the game ended; call Reset first.");
        if (_cells[action] != 0)
            throw new IllegalActionException($"Gomoku action {action} is illegal: {FormatMove(action)} is occupied.");

        sbyte stone = ToPlay == 0 ? XStone : OStone;
        _cells[action] = stone;
        StepCount++;
        bool won = CompletesLine(_cells, action, stone);
        if (won) _winner = ToPlay;
        IsOver = won || StepCount == _cells.Length;
        ToPlay = 1 - ToPlay;
        return new StepResult(won ? 1f : 0f, IsOver, Truncated: false);
    }

    /// <inheritdoc />
    public bool TryParseMove(string text, out int action, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        action = -1;
        string trimmed = text.Trim();
        int n = BoardSize;
        int column = trimmed.Length > 0 ? char.ToLowerInvariant(trimmed[0]) - 'a' : -1;
        if (trimmed.Length < 2 || (uint)column >= (uint)n
            || !int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int rank) || rank < 1 || rank > n)
        {
            error = $"'{trimmed}' is not a move: expected {MoveNotation}";
            return false;
        }
        if (IsOver)
        {
            error = "the game is over";
            return false;
        }
        int cell = (n - rank) * n + column;
        if (_cells[cell] != 0)
        {
            error = $"{FormatMove(cell)} is occupied";
            return false;
        }
        action = cell;
        error = null;
        return true;
    }

    /// <inheritdoc />
    public string FormatMove(int action)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)action, (uint)_cells.Length, nameof(action));
        int n = BoardSize;
        return string.Create(CultureInfo.InvariantCulture, $"{(char)('a' + action % n)}{n - action / n}");
    }

    /// <inheritdoc />
    public string Render()
    {
        int n = BoardSize;
        var text = new StringBuilder((n + 1) * (2 * n + 4));
        for (int row = 0; row < n; row++)
        {
            text.Append((n - row).ToString(CultureInfo.InvariantCulture).PadLeft(2));
            for (int column = 0; column < n; column++) text.Append(' ').Append(Symbol(row * n + column));
            text.Append('\n');
        }
        text.Append("  ");
        for (int column = 0; column < n; column++) text.Append(' ').Append((char)('a' + column));
        text.Append('\n');
        return text.ToString();
    }

    /// <inheritdoc />
    public string Diagram
    {
        get
        {
            int n = BoardSize;
            var text = new StringBuilder(n * (n + 1));
            for (int cell = 0; cell < _cells.Length; cell++)
            {
                if (cell > 0 && cell % n == 0) text.Append('/');
                text.Append(Symbol(cell));
            }
            return text.ToString();
        }
    }

    /// <summary>The position as <see cref="Diagram"/> (accepted by <see cref="LoadPosition"/>).</summary>
    public override string ToString() => Diagram;

    /// <inheritdoc />
    public int Heuristic()
    {
        sbyte own = ToPlay == 0 ? XStone : OStone;
        int k = WinLength;
        long sum = 0;
        ReadOnlySpan<int> lines = _geometry.Lines;
        // Slide a window of k cells along every line long enough to hold one, keeping both players' counts.
        for (int i = 0; i < lines.Length; i += 3)
        {
            int start = lines[i], step = lines[i + 1], length = lines[i + 2];
            int mine = 0, theirs = 0;
            for (int j = 0; j < length; j++)
            {
                sbyte entering = _cells[start + j * step];
                if (entering == own) mine++;
                else if (entering != 0) theirs++;
                if (j >= k)
                {
                    sbyte leaving = _cells[start + (j - k) * step];
                    if (leaving == own) mine--;
                    else if (leaving != 0) theirs--;
                }
                if (j >= k - 1) sum += WindowScore.Of(mine, theirs);
            }
        }
        return WindowScore.Clamp(sum);
    }

    /// <summary>
    /// The empty cells within two cells (in both directions) of a stone, those next to a stone first, each group from
    /// the centre outwards; on an empty board, the cells within two of the centre. A move farther from every stone
    /// neither makes nor stops a line within a shallow search's horizon, and leaving those out keeps alpha-beta fast.
    /// </summary>
    public int WriteSearchMoves(Span<int> destination)
    {
        int n = BoardSize, cellCount = _cells.Length;
        if (destination.Length < cellCount)
            throw new ArgumentException($"Destination needs room for {cellCount} moves, got {destination.Length}.", nameof(destination));
        if (IsOver) return 0;
        // 0: far from every stone; 1: within two; 2: adjacent.
        Span<byte> nearness = stackalloc byte[cellCount];
        nearness.Clear();
        if (StepCount == 0) Mark(nearness, n / 2 * n + n / 2, n);
        for (int cell = 0; cell < cellCount; cell++)
        {
            if (_cells[cell] != 0) Mark(nearness, cell, n);
        }
        int count = 0;
        for (byte wanted = 2; wanted >= 1; wanted--)
        {
            foreach (int cell in _geometry.CentreOutward)
            {
                if (_cells[cell] == 0 && nearness[cell] == wanted) destination[count++] = cell;
            }
        }
        return count;
    }

    private static void Mark(Span<byte> nearness, int cell, int n)
    {
        int row = cell / n, column = cell % n;
        for (int r = Math.Max(0, row - 2); r <= Math.Min(n - 1, row + 2); r++)
        {
            for (int c = Math.Max(0, column - 2); c <= Math.Min(n - 1, column + 2); c++)
            {
                byte value = Math.Abs(r - row) <= 1 && Math.Abs(c - column) <= 1 ? (byte)2 : (byte)1;
                if (value > nearness[r * n + c]) nearness[r * n + c] = value;
            }
        }
    }

    private char Symbol(int cell) => _cells[cell] switch { XStone => 'X', OStone => 'O', _ => '.' };

    /// <summary>True when the stone on <paramref name="cell"/> lies on a run of at least the win length: only lines through it are checked.</summary>
    private bool CompletesLine(ReadOnlySpan<sbyte> cells, int cell, sbyte stone)
    {
        int n = BoardSize, row = cell / n, column = cell % n;
        foreach (var (dr, dc) in Directions)
        {
            int run = 1;
            for (int r = row + dr, c = column + dc; (uint)r < (uint)n && (uint)c < (uint)n && cells[r * n + c] == stone; r += dr, c += dc) run++;
            for (int r = row - dr, c = column - dc; (uint)r < (uint)n && (uint)c < (uint)n && cells[r * n + c] == stone; r -= dr, c -= dc) run++;
            if (run >= WinLength) return true;
        }
        return false;
    }

    /// <summary>What every game of one board size and win length shares.</summary>
    private sealed class Geometry
    {
        public Geometry(int size, int winLength)
        {
            Size = size;
            WinLength = winLength;
            Spec = new EnvironmentSpec("gomoku", [3, size, size], ActionCount: size * size, PlayerCount: 2, MaxEpisodeSteps: size * size);
            char last = (char)('a' + size - 1);
            Notation = string.Create(CultureInfo.InvariantCulture,
                $"coordinates like e5: a column letter a..{last} (from the left), then a row number 1..{size} (from the bottom)");
            Lines = BuildLines(size, winLength);
            double centre = (size - 1) / 2.0;
            CentreOutward = Enumerable.Range(0, size * size)
                .OrderBy(cell => Math.Max(Math.Abs(cell / size - centre), Math.Abs(cell % size - centre)))
                .ThenBy(cell => Math.Abs(cell / size - centre) + Math.Abs(cell % size - centre))
                .ThenBy(cell => cell)
                .ToArray();
            Symmetries = BoardSymmetry.Square(size);
        }

        public int Size { get; }
        public int WinLength { get; }
        public EnvironmentSpec Spec { get; }
        public string Notation { get; }

        /// <summary>Every row, column and diagonal at least <see cref="WinLength"/> long, as (start cell, step, length) triples.</summary>
        public int[] Lines { get; }

        /// <summary>Every cell, nearest the centre first.</summary>
        public int[] CentreOutward { get; }

        /// <summary>The board's 8 symmetries (rows, columns and both diagonals stay lines of the same length).</summary>
        public IReadOnlyList<BoardSymmetry> Symmetries { get; }

        private static int[] BuildLines(int n, int k)
        {
            var lines = new List<int>();
            void Add(int row, int column, int dr, int dc)
            {
                int length = 0;
                for (int r = row, c = column; (uint)r < (uint)n && (uint)c < (uint)n; r += dr, c += dc) length++;
                if (length >= k) lines.AddRange([row * n + column, dr * n + dc, length]);
            }
            for (int i = 0; i < n; i++)
            {
                Add(i, 0, 0, 1); // row i
                Add(0, i, 1, 0); // column i
            }
            for (int column = 0; column < n; column++) Add(0, column, 1, 1); // down-right diagonals from the top row
            for (int row = 1; row < n; row++) Add(row, 0, 1, 1);             // ... and from the left column
            for (int column = 0; column < n; column++) Add(0, column, 1, -1); // down-left diagonals from the top row
            for (int row = 1; row < n; row++) Add(row, n - 1, 1, -1);         // ... and from the right column
            return lines.ToArray();
        }
    }
}
