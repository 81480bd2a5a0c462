namespace MuZero.Environments.MinAtar;

/// <summary>
/// MinAtar Space Invaders: a cannon in the bottom row shoots a 4 x 6 block of aliens (+1 each) that marches
/// sideways, steps down a row at each edge, speeds up as it thins out and fires at the cannon. A cleared wave is
/// replaced by a new block (faster with ramping). The episode ends when an enemy bullet or an alien reaches the
/// cannon's cell, or when the aliens must step down while one is in the bottom row. No time limit. Channels:
/// 0 cannon, 1 alien, 2 alien moving left, 3 alien moving right, 4 friendly bullet, 5 enemy bullet. Actions: left,
/// right, fire (up and down are no-ops); minimal set {no-op, left, right, fire}.
/// </summary>
public sealed class SpaceInvaders : MinAtarGame
{
    /// <summary>Row of the cannon (the bottom row).</summary>
    public const int CannonRow = GridSize - 1;

    /// <summary>Steps between alien moves of a fresh game (and of a full block).</summary>
    public const int InitialMoveInterval = 12;

    /// <summary>The move interval ramping stops at.</summary>
    public const int FastestMoveInterval = 6;

    private const int ShotCooldown = 5;
    private const int AlienShotInterval = 10;

    private const int CannonChannel = 0;
    private const int AlienChannel = 1;
    private const int AlienLeftChannel = 2;
    private const int AlienRightChannel = 3;
    private const int FriendlyBulletChannel = 4;
    private const int EnemyBulletChannel = 5;

    /// <summary>A fresh wave: rows 0..3, columns 2..7.</summary>
    public static readonly GridMask Wave = GridMask.Rectangle(2, 7, 0, 3);

    private static readonly GridMask FirstColumn = GridMask.Column(0);
    private static readonly GridMask LastColumn = GridMask.Column(GridSize - 1);
    private static readonly GridMask BottomRow = GridMask.Row(CannonRow);

    /// <summary>A new game with the published settings, reset with seed 0.</summary>
    public SpaceInvaders() : this(MinAtarSettings.Default)
    {
    }

    /// <summary>A new game with <paramref name="settings"/>, reset with seed 0.</summary>
    public SpaceInvaders(MinAtarSettings settings)
        : base("minatar-space-invaders", 6, [MinAtarAction.NoOp, MinAtarAction.Left, MinAtarAction.Right, MinAtarAction.Fire], settings, int.MaxValue) => Reset(0);

    /// <summary>Column of the cannon.</summary>
    public int CannonX { get; private set; }

    /// <summary>The aliens.</summary>
    public GridMask Aliens { get; private set; }

    /// <summary>The cannon's bullets (moving up).</summary>
    public GridMask FriendlyBullets { get; private set; }

    /// <summary>The aliens' bullets (moving down).</summary>
    public GridMask EnemyBullets { get; private set; }

    /// <summary>True while the aliens march left.</summary>
    public bool AliensMovingLeft { get; private set; }

    /// <summary>Steps between alien moves while at least that many aliens are left (12, falling to 6 with ramping).</summary>
    public int MoveInterval { get; private set; }

    /// <summary>Steps until the aliens next move.</summary>
    public int AlienMoveTimer { get; private set; }

    /// <summary>Steps until the aliens next fire.</summary>
    public int AlienShotTimer { get; private set; }

    /// <summary>Steps until the cannon may fire again.</summary>
    public int ShotTimer { get; private set; }

    /// <summary>Waves cleared that sped the aliens up.</summary>
    public int RampIndex { get; private set; }

    /// <summary>Sets the cannon, aliens and bullets (for tests and analysis).</summary>
    public void PlaceObjects(int cannonX, GridMask aliens, GridMask friendlyBullets, GridMask enemyBullets, bool aliensMovingLeft)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)cannonX, (uint)(GridSize - 1), nameof(cannonX));
        (CannonX, Aliens, FriendlyBullets, EnemyBullets, AliensMovingLeft) = (cannonX, aliens, friendlyBullets, enemyBullets, aliensMovingLeft);
    }

    /// <summary>Sets the timers (for tests and analysis).</summary>
    public void SetTimers(int alienMoveTimer, int alienShotTimer, int shotTimer) => (AlienMoveTimer, AlienShotTimer, ShotTimer) = (alienMoveTimer, alienShotTimer, shotTimer);

    private protected override void ResetGame()
    {
        PlaceObjects(5, Wave, GridMask.Empty, GridMask.Empty, aliensMovingLeft: true);
        MoveInterval = InitialMoveInterval;
        SetTimers(InitialMoveInterval, AlienShotInterval, 0);
        RampIndex = 0;
    }

    private protected override float Advance(int action)
    {
        if (action == MinAtarAction.Fire)
        {
            if (ShotTimer == 0)
            {
                FriendlyBullets |= GridMask.Cell(CannonX, CannonRow);
                ShotTimer = ShotCooldown;
            }
        }
        else if (action == MinAtarAction.Left)
        {
            CannonX = Math.Max(0, CannonX - 1);
        }
        else if (action == MinAtarAction.Right)
        {
            CannonX = Math.Min(GridSize - 1, CannonX + 1);
        }

        FriendlyBullets = FriendlyBullets.ShiftedUp();
        EnemyBullets = EnemyBullets.ShiftedDown();
        if (EnemyBullets.Contains(CannonX, CannonRow)) Terminate();

        if (Aliens.Contains(CannonX, CannonRow)) Terminate();
        if (AlienMoveTimer == 0)
        {
            AlienMoveTimer = Math.Min(Aliens.Count, MoveInterval);
            if (Aliens.Overlaps(AliensMovingLeft ? FirstColumn : LastColumn))
            {
                AliensMovingLeft = !AliensMovingLeft;
                if (Aliens.Overlaps(BottomRow)) Terminate();
                Aliens = Aliens.ShiftedDown();
            }
            else
            {
                Aliens = AliensMovingLeft ? Aliens.ShiftedLeft() : Aliens.ShiftedRight();
            }
            if (Aliens.Contains(CannonX, CannonRow)) Terminate();
        }

        if (AlienShotTimer == 0)
        {
            AlienShotTimer = AlienShotInterval;
            Fire();
        }

        var hits = Aliens & FriendlyBullets;
        Aliens = Aliens.Without(hits);
        FriendlyBullets = FriendlyBullets.Without(hits);

        if (ShotTimer > 0) ShotTimer--;
        AlienMoveTimer--;
        AlienShotTimer--;

        if (Aliens.IsEmpty)
        {
            if (Ramping && MoveInterval > FastestMoveInterval)
            {
                MoveInterval--;
                RampIndex++;
            }
            Aliens = Wave;
        }
        return hits.Count;
    }

    private protected override void LightCells(Span<float> observation)
    {
        Light(observation, CannonChannel, CannonX, CannonRow);
        Aliens.LightIn(observation.Slice(AlienChannel * CellCount, CellCount));
        Aliens.LightIn(observation.Slice((AliensMovingLeft ? AlienLeftChannel : AlienRightChannel) * CellCount, CellCount));
        FriendlyBullets.LightIn(observation.Slice(FriendlyBulletChannel * CellCount, CellCount));
        EnemyBullets.LightIn(observation.Slice(EnemyBulletChannel * CellCount, CellCount));
    }

    // The lowest alien of the alien column nearest the cannon (ties: the lower column index) fires from its own cell.
    private void Fire()
    {
        for (int distance = 0; distance < GridSize; distance++)
        {
            if (FireFromColumn(CannonX - distance) || FireFromColumn(CannonX + distance)) return;
        }
    }

    private bool FireFromColumn(int x)
    {
        if ((uint)x >= GridSize) return false;
        for (int y = GridSize - 1; y >= 0; y--)
        {
            if (Aliens.Contains(x, y))
            {
                EnemyBullets |= GridMask.Cell(x, y);
                return true;
            }
        }
        return false;
    }
}
