namespace MuZero.Environments.MinAtar;

/// <summary>
/// MinAtar Breakout: a paddle in the bottom row keeps a diagonally moving ball in play and the ball breaks the
/// three rows of bricks, +1 each; a cleared wall is rebuilt when the ball next reaches the bottom row. The episode
/// ends when the ball reaches the bottom row without the paddle under it. No time limit and no ramping; the only
/// randomness is the side the ball starts on. Channels: 0 paddle, 1 ball, 2 trail (the ball's previous cell),
/// 3 brick. Actions: left and right (the others are no-ops); minimal set {no-op, left, right}.
/// </summary>
/// <remarks>
/// MinAtar's quirks are kept: a ball that breaks a brick keeps its row and takes the new column; on the step right
/// after a strike the ball enters a brick cell without breaking it; a ball that hits a side wall moves only
/// vertically that step.
/// </remarks>
public sealed class Breakout : MinAtarGame
{
    /// <summary>Ball direction: up and to the left (-1, -1).</summary>
    public const int UpLeft = 0;

    /// <summary>Ball direction: up and to the right (+1, -1).</summary>
    public const int UpRight = 1;

    /// <summary>Ball direction: down and to the right (+1, +1).</summary>
    public const int DownRight = 2;

    /// <summary>Ball direction: down and to the left (-1, +1).</summary>
    public const int DownLeft = 3;

    /// <summary>Row of the paddle (the bottom row).</summary>
    public const int PaddleRow = GridSize - 1;

    private const int PaddleChannel = 0;
    private const int BallChannel = 1;
    private const int TrailChannel = 2;
    private const int BrickChannel = 3;

    /// <summary>The full wall: rows 1..3, all columns.</summary>
    public static readonly GridMask Wall = GridMask.Rectangle(0, GridSize - 1, 1, 3);

    /// <summary>A new game with the published settings, reset with seed 0.</summary>
    public Breakout() : this(MinAtarSettings.Default)
    {
    }

    /// <summary>A new game with <paramref name="settings"/>, reset with seed 0.</summary>
    public Breakout(MinAtarSettings settings) : base("minatar-breakout", 4, [MinAtarAction.NoOp, MinAtarAction.Left, MinAtarAction.Right], settings, int.MaxValue) => Reset(0);

    /// <summary>Column of the paddle.</summary>
    public int PaddleX { get; private set; }

    /// <summary>Column of the ball.</summary>
    public int BallX { get; private set; }

    /// <summary>Row of the ball.</summary>
    public int BallY { get; private set; }

    /// <summary>Direction of the ball: <see cref="UpLeft"/>, <see cref="UpRight"/>, <see cref="DownRight"/> or <see cref="DownLeft"/>.</summary>
    public int BallDirection { get; private set; }

    /// <summary>Column of the trail (the ball's cell before the last step).</summary>
    public int TrailX { get; private set; }

    /// <summary>Row of the trail.</summary>
    public int TrailY { get; private set; }

    /// <summary>True when the last step hit a brick cell; the next step then passes through bricks without breaking them.</summary>
    public bool Strike { get; private set; }

    /// <summary>The bricks left.</summary>
    public GridMask Bricks { get; private set; }

    /// <summary>Puts the paddle at column <paramref name="x"/> (a hand-built position, for tests and analysis).</summary>
    public void PlacePaddle(int x) => PaddleX = CheckedColumn(x);

    /// <summary>Puts the ball at (<paramref name="x"/>, <paramref name="y"/>) moving in <paramref name="direction"/>, with its trail on it (for tests and analysis).</summary>
    public void PlaceBall(int x, int y, int direction, bool strike = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)direction, (uint)DownLeft, nameof(direction));
        (BallX, BallY, BallDirection, Strike) = (CheckedColumn(x), CheckedRow(y), direction, strike);
        (TrailX, TrailY) = (BallX, BallY);
    }

    /// <summary>Replaces the bricks (for tests and analysis).</summary>
    public void PlaceBricks(GridMask bricks) => Bricks = bricks;

    private protected override void ResetGame()
    {
        PaddleX = 4;
        bool fromLeft = NextInt(2) == 0;
        PlaceBall(fromLeft ? 0 : GridSize - 1, 3, fromLeft ? DownRight : DownLeft);
        Bricks = Wall;
    }

    private protected override float Advance(int action)
    {
        if (action == MinAtarAction.Left) PaddleX = Math.Max(0, PaddleX - 1);
        else if (action == MinAtarAction.Right) PaddleX = Math.Min(GridSize - 1, PaddleX + 1);

        int lastX = BallX, lastY = BallY, direction = BallDirection;
        int newX = lastX + (direction is UpRight or DownRight ? 1 : -1);
        int newY = lastY + (direction is DownRight or DownLeft ? 1 : -1);
        if ((uint)newX >= GridSize)
        {
            newX = Math.Clamp(newX, 0, GridSize - 1);
            direction = MirrorHorizontally(direction);
        }

        float reward = 0;
        bool hitBrick = false;
        if (newY < 0)
        {
            newY = 0;
            direction = MirrorVertically(direction);
        }
        else if (Bricks.Contains(newX, newY))
        {
            hitBrick = true;
            if (!Strike)
            {
                reward = 1;
                Strike = true;
                Bricks = Bricks.Without(GridMask.Cell(newX, newY));
                newY = lastY;
                direction = MirrorVertically(direction);
            }
        }
        else if (newY == PaddleRow)
        {
            if (Bricks.IsEmpty) Bricks = Wall;
            if (PaddleX == lastX)
            {
                direction = MirrorVertically(direction);
                newY = lastY;
            }
            else if (PaddleX == newX)
            {
                direction = direction == DownRight ? UpLeft : UpRight;
                newY = lastY;
            }
            else
            {
                Terminate();
            }
        }
        if (!hitBrick) Strike = false;
        (BallX, BallY, BallDirection) = (newX, newY, direction);
        (TrailX, TrailY) = (lastX, lastY);
        return reward;
    }

    private protected override void LightCells(Span<float> observation)
    {
        Light(observation, PaddleChannel, PaddleX, PaddleRow);
        Light(observation, BallChannel, BallX, BallY);
        Light(observation, TrailChannel, TrailX, TrailY);
        Bricks.LightIn(observation.Slice(BrickChannel * CellCount, CellCount));
    }

    // Up-left <-> up-right, down-right <-> down-left.
    private static int MirrorHorizontally(int direction) => direction ^ 1;

    // Up-left <-> down-left, up-right <-> down-right.
    private static int MirrorVertically(int direction) => 3 - direction;

    private static int CheckedColumn(int x) => (uint)x < GridSize ? x : throw new ArgumentOutOfRangeException(nameof(x), x, "Columns are 0..9.");

    private static int CheckedRow(int y) => (uint)y < GridSize ? y : throw new ArgumentOutOfRangeException(nameof(y), y, "Rows are 0..9.");
}
