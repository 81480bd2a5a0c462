namespace MuZero.Environments.MinAtar;

/// <summary>
/// Something that moves along a row one cell at a time: a bullet, a fish, an enemy sub or a diver.
/// Bullets use only the position and direction; the timers count down the steps to the next move and shot.
/// </summary>
public struct MovingObject
{
    /// <summary>Column (may be just outside 0..9 between a move and its removal).</summary>
    public int X;

    /// <summary>Row.</summary>
    public int Y;

    /// <summary>True when moving right (+x).</summary>
    public bool MovingRight;

    /// <summary>Steps until the next move; it moves on the step that finds this at 0.</summary>
    public int MoveTimer;

    /// <summary>Steps until the next shot (enemy subs only).</summary>
    public int ShotTimer;

    /// <summary>Creates an object at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public MovingObject(int x, int y, bool movingRight, int moveTimer = 0, int shotTimer = 0) =>
        (X, Y, MovingRight, MoveTimer, ShotTimer) = (x, y, movingRight, moveTimer, shotTimer);

    /// <summary>The column behind the object (where its trail is drawn), possibly outside the grid.</summary>
    public readonly int BehindX => MovingRight ? X - 1 : X + 1;

    /// <summary>Moves one cell in its direction.</summary>
    public void Advance() => X += MovingRight ? 1 : -1;

    /// <summary>True while the column is inside the grid.</summary>
    public readonly bool IsInside => (uint)X < MinAtarGame.GridSize;
}
