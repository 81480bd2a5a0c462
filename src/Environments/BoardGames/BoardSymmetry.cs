namespace MuZero.Environments;

/// <summary>
/// A symmetry of a board game's rules: a permutation of the board's cells together with the permutation of the
/// actions it induces. Mapping a position, its legal moves and its continuation through one gives a position with
/// the same value and the mapped best moves, which is what lets a learner train on all images of a sampled position.
/// </summary>
/// <param name="Name">What the map does, e.g. <c>rotate 90</c>.</param>
/// <param name="CellMap">
/// [H * W]: the cell (row-major, row 0 at the top, as in the observation planes) that cell c moves to.
/// </param>
/// <param name="ActionMap">[A]: the action that action a becomes.</param>
public sealed record BoardSymmetry(string Name, int[] CellMap, int[] ActionMap)
{
    /// <summary>The 8 symmetries of an n x n board (the dihedral group: 4 rotations, each with and without a mirror), identity first; actions are cells.</summary>
    public static IReadOnlyList<BoardSymmetry> Square(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int last = size - 1;
        (string Name, Func<int, int, (int Row, int Column)> Map)[] maps =
        [
            ("identity", (r, c) => (r, c)),
            ("rotate 90", (r, c) => (c, last - r)),
            ("rotate 180", (r, c) => (last - r, last - c)),
            ("rotate 270", (r, c) => (last - c, r)),
            ("mirror left-right", (r, c) => (r, last - c)),
            ("mirror top-bottom", (r, c) => (last - r, c)),
            ("transpose", (r, c) => (c, r)),
            ("anti-transpose", (r, c) => (last - c, last - r)),
        ];
        return Array.ConvertAll(maps, map =>
        {
            var cells = new int[size * size];
            for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                var (row, column) = map.Map(r, c);
                cells[r * size + c] = row * size + column;
            }
            return new BoardSymmetry(map.Name, cells, cells);
        });
    }

    /// <summary>
    /// The 2 symmetries of a board whose actions are its columns (Connect Four): identity and the left-right mirror.
    /// Gravity rules out the rest.
    /// </summary>
    public static IReadOnlyList<BoardSymmetry> ColumnMirror(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var identityCells = new int[rows * columns];
        var mirroredCells = new int[rows * columns];
        for (int r = 0; r < rows; r++)
        for (int c = 0; c < columns; c++)
        {
            identityCells[r * columns + c] = r * columns + c;
            mirroredCells[r * columns + c] = r * columns + columns - 1 - c;
        }
        var identityActions = new int[columns];
        var mirroredActions = new int[columns];
        for (int c = 0; c < columns; c++)
        {
            identityActions[c] = c;
            mirroredActions[c] = columns - 1 - c;
        }
        return [new("identity", identityCells, identityActions), new("mirror left-right", mirroredCells, mirroredActions)];
    }
}
