namespace MuZero.Environments.MinAtar;

/// <summary>
/// MinAtar Asterix: the player moves in rows 1..8 among enemies and gold that cross the screen horizontally, one per
/// row at most. Gold is +1; touching an enemy ends the episode. No time limit. With ramping, entities spawn and move
/// faster every 102 steps until both happen every step. Channels: 0 player, 1 enemy, 2 trail (the cell behind
/// each entity), 3 gold. Actions: left, up, right, down (fire is a no-op); minimal set {no-op, left, up, right, down}.
/// </summary>
public sealed class Asterix : MinAtarGame
{
    /// <summary>Entity slots: slot i lives in row i + 1.</summary>
    public const int SlotCount = 8;

    /// <summary>Steps between ramps, less two (the ramp timer runs down past zero before it fires).</summary>
    public const int RampInterval = 100;

    private const int PlayerChannel = 0;
    private const int EnemyChannel = 1;
    private const int TrailChannel = 2;
    private const int GoldChannel = 3;

    private readonly bool[] _occupied = new bool[SlotCount];
    private readonly int[] _entityX = new int[SlotCount];
    private readonly bool[] _movingRight = new bool[SlotCount];
    private readonly bool[] _isGold = new bool[SlotCount];
    private readonly int[] _freeSlots = new int[SlotCount];

    /// <summary>A new game with the published settings, reset with seed 0.</summary>
    public Asterix() : this(MinAtarSettings.Default)
    {
    }

    /// <summary>A new game with <paramref name="settings"/>, reset with seed 0.</summary>
    public Asterix(MinAtarSettings settings)
        : base("minatar-asterix", 4, [MinAtarAction.NoOp, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down], settings, int.MaxValue) => Reset(0);

    /// <summary>Column of the player.</summary>
    public int PlayerX { get; private set; }

    /// <summary>Row of the player (1..8).</summary>
    public int PlayerY { get; private set; }

    /// <summary>Steps between spawns (10, falling to 1 with ramping).</summary>
    public int SpawnSpeed { get; private set; }

    /// <summary>Steps until the next spawn; a spawn happens on the step that finds it at 0.</summary>
    public int SpawnTimer { get; private set; }

    /// <summary>Steps between entity moves (5, falling to 1 with ramping).</summary>
    public int MoveSpeed { get; private set; }

    /// <summary>Steps until the entities next move; they move on the step that finds it at 0.</summary>
    public int MoveTimer { get; private set; }

    /// <summary>Counts down to the next ramp, which fires on the step that finds it below 0.</summary>
    public int RampTimer { get; private set; }

    /// <summary>Ramps so far.</summary>
    public int RampIndex { get; private set; }

    /// <summary>The entity in slot <paramref name="slot"/> (row slot + 1), or null when the slot is free.</summary>
    public (int X, bool MovingRight, bool IsGold)? Entity(int slot) =>
        _occupied[slot] ? (_entityX[slot], _movingRight[slot], _isGold[slot]) : null;

    /// <summary>Puts the player at (<paramref name="x"/>, <paramref name="y"/>), y in 1..8 (for tests and analysis).</summary>
    public void PlacePlayer(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)x, (uint)(GridSize - 1), nameof(x));
        ArgumentOutOfRangeException.ThrowIfLessThan(y, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(y, SlotCount);
        (PlayerX, PlayerY) = (x, y);
    }

    /// <summary>Puts an entity in slot <paramref name="slot"/> (row slot + 1) at column <paramref name="x"/> (for tests and analysis).</summary>
    public void PlaceEntity(int slot, int x, bool movingRight, bool isGold)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)slot, (uint)(SlotCount - 1), nameof(slot));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)x, (uint)(GridSize - 1), nameof(x));
        (_occupied[slot], _entityX[slot], _movingRight[slot], _isGold[slot]) = (true, x, movingRight, isGold);
    }

    /// <summary>Empties slot <paramref name="slot"/> (for tests and analysis).</summary>
    public void RemoveEntity(int slot) => _occupied[slot] = false;

    /// <summary>Sets the spawn and move timers (for tests and analysis).</summary>
    public void SetTimers(int spawnTimer, int moveTimer) => (SpawnTimer, MoveTimer) = (spawnTimer, moveTimer);

    private protected override void ResetGame()
    {
        (PlayerX, PlayerY) = (5, 5);
        Array.Clear(_occupied);
        SpawnSpeed = SpawnTimer = 10;
        MoveSpeed = MoveTimer = 5;
        RampTimer = RampInterval;
        RampIndex = 0;
    }

    private protected override float Advance(int action)
    {
        float reward = 0;
        if (SpawnTimer == 0)
        {
            Spawn();
            SpawnTimer = SpawnSpeed;
        }

        switch (action)
        {
            case MinAtarAction.Left: PlayerX = Math.Max(0, PlayerX - 1); break;
            case MinAtarAction.Right: PlayerX = Math.Min(GridSize - 1, PlayerX + 1); break;
            case MinAtarAction.Up: PlayerY = Math.Max(1, PlayerY - 1); break;
            case MinAtarAction.Down: PlayerY = Math.Min(SlotCount, PlayerY + 1); break;
        }

        // The player may have walked onto an entity before anything moves.
        int playerSlot = PlayerY - 1;
        if (_occupied[playerSlot] && _entityX[playerSlot] == PlayerX) reward += Touch(playerSlot);

        if (MoveTimer == 0)
        {
            MoveTimer = MoveSpeed;
            for (int slot = 0; slot < SlotCount; slot++)
            {
                if (!_occupied[slot]) continue;
                int x = _entityX[slot] + (_movingRight[slot] ? 1 : -1);
                if ((uint)x >= GridSize)
                {
                    _occupied[slot] = false;
                    continue;
                }
                _entityX[slot] = x;
                if (slot == playerSlot && x == PlayerX) reward += Touch(slot);
            }
        }

        SpawnTimer--;
        MoveTimer--;
        if (Ramping && (SpawnSpeed > 1 || MoveSpeed > 1))
        {
            if (RampTimer >= 0)
            {
                RampTimer--;
            }
            else
            {
                if (MoveSpeed > 1 && RampIndex % 2 == 1) MoveSpeed--;
                if (SpawnSpeed > 1) SpawnSpeed--;
                RampIndex++;
                RampTimer = RampInterval;
            }
        }
        return reward;
    }

    private protected override void LightCells(Span<float> observation)
    {
        Light(observation, PlayerChannel, PlayerX, PlayerY);
        for (int slot = 0; slot < SlotCount; slot++)
        {
            if (!_occupied[slot]) continue;
            int x = _entityX[slot], y = slot + 1;
            Light(observation, _isGold[slot] ? GoldChannel : EnemyChannel, x, y);
            int behind = x + (_movingRight[slot] ? -1 : 1);
            if ((uint)behind < GridSize) Light(observation, TrailChannel, behind, y);
        }
    }

    // Both draws happen on every spawn, even when no slot is free.
    private void Spawn()
    {
        bool movingRight = NextUniform() < 0.5;
        bool isGold = NextUniform() < 1.0 / 3.0;
        int free = 0;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            if (!_occupied[slot]) _freeSlots[free++] = slot;
        }
        if (free == 0) return;
        PlaceEntity(_freeSlots[NextInt(free)], movingRight ? 0 : GridSize - 1, movingRight, isGold);
    }

    // Gold is collected (+1); an enemy ends the episode but stays where it is.
    private float Touch(int slot)
    {
        if (_isGold[slot])
        {
            _occupied[slot] = false;
            return 1;
        }
        Terminate();
        return 0;
    }
}
