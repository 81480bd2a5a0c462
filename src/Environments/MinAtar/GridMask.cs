namespace MuZero.Environments.MinAtar;

/// <summary>
/// A set of cells of the 10 x 10 grid as a 100-bit mask (bit y * 10 + x), so that a whole layer of aliens or
/// bullets moves with one shift.
/// </summary>
public readonly record struct GridMask(UInt128 Bits)
{
    private const int Size = MinAtarGame.GridSize;
    private static readonly UInt128 AllCells = (UInt128.One << (Size * Size)) - 1;
    private static readonly UInt128 FirstColumn = Column(0).Bits;
    private static readonly UInt128 LastColumn = Column(Size - 1).Bits;

    /// <summary>No cell.</summary>
    public static GridMask Empty => default;

    /// <summary>True when no cell is set.</summary>
    public bool IsEmpty => Bits == UInt128.Zero;

    /// <summary>Number of cells set.</summary>
    public int Count => (int)UInt128.PopCount(Bits);

    /// <summary>True when cell (<paramref name="x"/>, <paramref name="y"/>) is set.</summary>
    public bool Contains(int x, int y) => (Bits & Cell(x, y).Bits) != UInt128.Zero;

    /// <summary>The single cell (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static GridMask Cell(int x, int y) => new(UInt128.One << (y * Size + x));

    /// <summary>Every cell of column <paramref name="x"/>.</summary>
    public static GridMask Column(int x)
    {
        UInt128 bits = UInt128.Zero;
        for (int y = 0; y < Size; y++) bits |= UInt128.One << (y * Size + x);
        return new GridMask(bits);
    }

    /// <summary>Every cell of row <paramref name="y"/>.</summary>
    public static GridMask Row(int y) => new(((UInt128.One << Size) - 1) << (y * Size));

    /// <summary>The rectangle of columns <paramref name="x0"/>..<paramref name="x1"/> and rows <paramref name="y0"/>..<paramref name="y1"/> (inclusive).</summary>
    public static GridMask Rectangle(int x0, int x1, int y0, int y1)
    {
        UInt128 bits = UInt128.Zero;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++) bits |= UInt128.One << (y * Size + x);
        return new GridMask(bits);
    }

    /// <summary>Every cell moved one row up; the top row falls off.</summary>
    public GridMask ShiftedUp() => new(Bits >> Size);

    /// <summary>Every cell moved one row down; the bottom row falls off.</summary>
    public GridMask ShiftedDown() => new((Bits << Size) & AllCells);

    /// <summary>Every cell moved one column left; the first column falls off.</summary>
    public GridMask ShiftedLeft() => new((Bits & ~FirstColumn) >> 1);

    /// <summary>Every cell moved one column right; the last column falls off.</summary>
    public GridMask ShiftedRight() => new((Bits & ~LastColumn) << 1);

    /// <summary>True when any cell of <paramref name="other"/> is also set here.</summary>
    public bool Overlaps(GridMask other) => (Bits & other.Bits) != UInt128.Zero;

    /// <summary>Cells set in both.</summary>
    public static GridMask operator &(GridMask a, GridMask b) => new(a.Bits & b.Bits);

    /// <summary>Cells set in either.</summary>
    public static GridMask operator |(GridMask a, GridMask b) => new(a.Bits | b.Bits);

    /// <summary>Cells set here but not in <paramref name="b"/>.</summary>
    public GridMask Without(GridMask b) => new(Bits & ~b.Bits);

    /// <summary>Sets 1 in <paramref name="plane"/> (one channel, 100 floats) at every cell of the mask.</summary>
    public void LightIn(Span<float> plane)
    {
        var bits = Bits;
        while (bits != UInt128.Zero)
        {
            plane[(int)UInt128.TrailingZeroCount(bits)] = 1f;
            bits &= bits - UInt128.One;
        }
    }
}
