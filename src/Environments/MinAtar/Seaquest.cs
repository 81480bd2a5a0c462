namespace MuZero.Environments.MinAtar;

/// <summary>
/// MinAtar Seaquest: a submarine shoots fish and enemy subs (+1 each) in rows 1..8, rescues divers and must surface
/// (row 0) before its oxygen runs out. Surfacing with six divers pays one point per lit oxygen-gauge cell (0..10);
/// surfacing with none ends the episode; every surfacing refills the oxygen and costs one diver. Enemy subs fire
/// bullets. Being hit by a fish, sub or enemy bullet, or running out of oxygen, ends the episode. No time limit. With
/// ramping, enemies spawn faster and move faster after each surfacing. Channels: 0 sub front, 1 sub back,
/// 2 friendly bullet, 3 trail, 4 enemy bullet, 5 fish, 6 enemy sub, 7 oxygen gauge, 8 diver gauge, 9 diver.
/// Actions: all six (the minimal set is the full set).
/// </summary>
/// <remarks>
/// MinAtar's quirks are kept: only the sub's front cell collides; enemies move every move_speed + 1 steps and reload
/// with the current global speed; an enemy sub still fires on the step it is destroyed or leaves the grid; and
/// surfacing with six divers leaves the diver count at -1, after which surfacing never ends the episode (the count
/// keeps falling: -2, -3, ...) and the diver gauge is dark while it is negative.
/// </remarks>
public sealed class Seaquest : MinAtarGame
{
    /// <summary>Oxygen of a full tank.</summary>
    public const int MaxOxygen = 200;

    /// <summary>Divers the sub can carry.</summary>
    public const int MaxDivers = 6;

    /// <summary>Lowest row the sub can reach (row 9 holds the gauges).</summary>
    public const int BottomRow = 8;

    private const int InitialSpawnSpeed = 20;
    private const int DiverSpawnInterval = 30;
    private const int InitialMoveSpeed = 5;
    private const int ShotCooldown = 5;
    private const int EnemyShotInterval = 10;
    private const int DiverMoveInterval = 5;
    private const int GaugeRow = GridSize - 1;

    private const int SubFrontChannel = 0;
    private const int SubBackChannel = 1;
    private const int FriendlyBulletChannel = 2;
    private const int TrailChannel = 3;
    private const int EnemyBulletChannel = 4;
    private const int FishChannel = 5;
    private const int EnemySubChannel = 6;
    private const int OxygenGaugeChannel = 7;
    private const int DiverGaugeChannel = 8;
    private const int DiverChannel = 9;

    private readonly MovingObjectList _friendlyBullets = new(8);
    private readonly MovingObjectList _enemyBullets = new(32);
    private readonly MovingObjectList _fish = new(32);
    private readonly MovingObjectList _enemySubs = new(32);
    private readonly MovingObjectList _divers = new(8);

    /// <summary>A new game with the published settings, reset with seed 0.</summary>
    public Seaquest() : this(MinAtarSettings.Default)
    {
    }

    /// <summary>A new game with <paramref name="settings"/>, reset with seed 0.</summary>
    public Seaquest(MinAtarSettings settings) : base("minatar-seaquest", 10, [0, 1, 2, 3, 4, 5], settings, int.MaxValue) => Reset(0);

    /// <summary>Column of the sub's front (the cell that collides).</summary>
    public int SubX { get; private set; }

    /// <summary>Row of the sub (0 is the surface).</summary>
    public int SubY { get; private set; }

    /// <summary>True when the sub faces left (its back is then at x + 1).</summary>
    public bool FacingLeft { get; private set; }

    /// <summary>True while the sub counts as surfaced (set by surfacing, cleared by diving).</summary>
    public bool Surfaced { get; private set; }

    /// <summary>Oxygen left (200 when full).</summary>
    public int Oxygen { get; private set; }

    /// <summary>Divers carried; -1 and below after a six-diver surfacing (MinAtar's behaviour).</summary>
    public int Divers { get; private set; }

    /// <summary>Steps until the sub may fire again.</summary>
    public int ShotTimer { get; private set; }

    /// <summary>Steps between enemy spawn attempts (20, falling to 1 with ramping).</summary>
    public int EnemySpawnSpeed { get; private set; }

    /// <summary>Steps until the next enemy spawn attempt.</summary>
    public int EnemySpawnTimer { get; private set; }

    /// <summary>Steps until the next diver spawn.</summary>
    public int DiverSpawnTimer { get; private set; }

    /// <summary>Move-timer reload of the enemies (5, falling to 2 with ramping); they move every MoveSpeed + 1 steps.</summary>
    public int MoveSpeed { get; private set; }

    /// <summary>Ramps so far (one per surfacing with ramping on, until the speeds bottom out).</summary>
    public int RampIndex { get; private set; }

    /// <summary>The sub's own bullets, in the order they appeared (mutable, for hand-built positions in tests and analysis).</summary>
    public MovingObjectList FriendlyBullets => _friendlyBullets;

    /// <summary>The enemy subs' bullets, in the order they appeared (mutable, for hand-built positions in tests and analysis).</summary>
    public MovingObjectList EnemyBullets => _enemyBullets;

    /// <summary>The fish, in the order they appeared (mutable, for hand-built positions in tests and analysis).</summary>
    public MovingObjectList Fish => _fish;

    /// <summary>The enemy subs, in the order they appeared (mutable, for hand-built positions in tests and analysis).</summary>
    public MovingObjectList EnemySubs => _enemySubs;

    /// <summary>The divers swimming (not yet picked up), in the order they appeared (mutable, for hand-built positions in tests and analysis).</summary>
    public MovingObjectList SwimmingDivers => _divers;

    /// <summary>Puts the sub at (<paramref name="x"/>, <paramref name="y"/>), y in 0..8 (for tests and analysis).</summary>
    public void PlaceSub(int x, int y, bool facingLeft, bool surfaced)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)x, (uint)(GridSize - 1), nameof(x));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)y, (uint)BottomRow, nameof(y));
        (SubX, SubY, FacingLeft, Surfaced) = (x, y, facingLeft, surfaced);
    }

    /// <summary>Sets the oxygen, the divers carried and the sub's shot timer (for tests and analysis).</summary>
    public void SetSupplies(int oxygen, int divers, int shotTimer = 0) => (Oxygen, Divers, ShotTimer) = (oxygen, divers, shotTimer);

    /// <summary>Sets the spawn timers (for tests and analysis).</summary>
    public void SetSpawnTimers(int enemySpawnTimer, int diverSpawnTimer) => (EnemySpawnTimer, DiverSpawnTimer) = (enemySpawnTimer, diverSpawnTimer);

    private protected override void ResetGame()
    {
        PlaceSub(5, 0, facingLeft: true, surfaced: true);
        Oxygen = MaxOxygen;
        Divers = 0;
        ShotTimer = 0;
        _friendlyBullets.Clear();
        _enemyBullets.Clear();
        _fish.Clear();
        _enemySubs.Clear();
        _divers.Clear();
        EnemySpawnSpeed = EnemySpawnTimer = InitialSpawnSpeed;
        DiverSpawnTimer = DiverSpawnInterval;
        MoveSpeed = InitialMoveSpeed;
        RampIndex = 0;
    }

    private protected override float Advance(int action)
    {
        if (EnemySpawnTimer == 0)
        {
            SpawnEnemy();
            EnemySpawnTimer = EnemySpawnSpeed;
        }
        if (DiverSpawnTimer == 0)
        {
            bool movingRight = NextUniform() < 0.5;
            int y = 1 + NextInt(BottomRow);
            _divers.Add(new MovingObject(movingRight ? 0 : GridSize - 1, y, movingRight, DiverMoveInterval));
            DiverSpawnTimer = DiverSpawnInterval;
        }

        switch (action)
        {
            case MinAtarAction.Fire when ShotTimer == 0:
                _friendlyBullets.Add(new MovingObject(SubX, SubY, movingRight: !FacingLeft));
                ShotTimer = ShotCooldown;
                break;
            case MinAtarAction.Left:
                SubX = Math.Max(0, SubX - 1);
                FacingLeft = true;
                break;
            case MinAtarAction.Right:
                SubX = Math.Min(GridSize - 1, SubX + 1);
                FacingLeft = false;
                break;
            case MinAtarAction.Up:
                SubY = Math.Max(0, SubY - 1);
                break;
            case MinAtarAction.Down:
                SubY = Math.Min(BottomRow, SubY + 1);
                break;
        }

        float reward = MoveFriendlyBullets();
        MoveDivers();
        reward += MoveEnemies(_enemySubs, shoots: true);
        MoveEnemyBullets();
        reward += MoveEnemies(_fish, shoots: false);

        if (EnemySpawnTimer > 0) EnemySpawnTimer--;
        if (DiverSpawnTimer > 0) DiverSpawnTimer--;
        if (ShotTimer > 0) ShotTimer--;
        if (Oxygen <= 0) Terminate();
        if (SubY > 0)
        {
            Oxygen--;
            Surfaced = false;
        }
        else if (!Surfaced)
        {
            if (Divers == 0) Terminate();
            else reward += Surface();
        }
        return reward;
    }

    private protected override void LightCells(Span<float> observation)
    {
        Light(observation, SubFrontChannel, SubX, SubY);
        int backX = FacingLeft ? SubX + 1 : SubX - 1;
        if ((uint)backX < GridSize) Light(observation, SubBackChannel, backX, SubY);
        for (int i = 0; i < _friendlyBullets.Count; i++) Light(observation, FriendlyBulletChannel, _friendlyBullets[i].X, _friendlyBullets[i].Y);
        for (int i = 0; i < _enemyBullets.Count; i++) Light(observation, EnemyBulletChannel, _enemyBullets[i].X, _enemyBullets[i].Y);
        LightWithTrails(observation, _fish, FishChannel);
        LightWithTrails(observation, _enemySubs, EnemySubChannel);
        LightWithTrails(observation, _divers, DiverChannel);
        int oxygenCells = Math.Max(0, Oxygen) * GridSize / MaxOxygen;
        for (int x = 0; x < oxygenCells; x++) Light(observation, OxygenGaugeChannel, x, GaugeRow);
        for (int x = GridSize - 1 - Divers; x < GridSize - 1; x++) Light(observation, DiverGaugeChannel, x, GaugeRow);
    }

    private static void LightWithTrails(Span<float> observation, MovingObjectList objects, int channel)
    {
        for (int i = 0; i < objects.Count; i++)
        {
            ref var item = ref objects[i];
            Light(observation, channel, item.X, item.Y);
            if ((uint)item.BehindX < GridSize) Light(observation, TrailChannel, item.BehindX, item.Y);
        }
    }

    // All three draws happen on every attempt; the spawn is dropped when it would meet an enemy head-on in its row.
    private void SpawnEnemy()
    {
        bool movingRight = NextUniform() < 0.5;
        bool isSub = NextUniform() < 1.0 / 3.0;
        int y = 1 + NextInt(BottomRow);
        if (MovesAgainst(_enemySubs, y, movingRight) || MovesAgainst(_fish, y, movingRight)) return;
        var enemy = new MovingObject(movingRight ? 0 : GridSize - 1, y, movingRight, MoveSpeed, isSub ? EnemyShotInterval : 0);
        (isSub ? _enemySubs : _fish).Add(enemy);
    }

    private static bool MovesAgainst(MovingObjectList enemies, int y, bool movingRight)
    {
        for (int i = 0; i < enemies.Count; i++)
        {
            if (enemies[i].Y == y && enemies[i].MovingRight != movingRight) return true;
        }
        return false;
    }

    // A bullet made this step moves too, so it is first seen one cell ahead of the sub.
    private float MoveFriendlyBullets()
    {
        float reward = 0;
        for (int i = 0; i < _friendlyBullets.Count;)
        {
            ref var bullet = ref _friendlyBullets[i];
            bullet.Advance();
            if (!bullet.IsInside)
            {
                _friendlyBullets.RemoveAt(i);
                continue;
            }
            int hit = _fish.IndexAt(bullet.X, bullet.Y);
            var hitList = _fish;
            if (hit < 0)
            {
                hit = _enemySubs.IndexAt(bullet.X, bullet.Y);
                hitList = _enemySubs;
            }
            if (hit >= 0)
            {
                hitList.RemoveAt(hit);
                _friendlyBullets.RemoveAt(i);
                reward += 1;
                continue;
            }
            i++;
        }
        return reward;
    }

    private void MoveDivers()
    {
        for (int i = 0; i < _divers.Count;)
        {
            ref var diver = ref _divers[i];
            if (IsOnSub(diver) && Divers < MaxDivers)
            {
                Divers++;
                _divers.RemoveAt(i);
                continue;
            }
            if (diver.MoveTimer == 0)
            {
                // Reloaded without the end-of-step decrement: a diver moves every 6 steps.
                diver.MoveTimer = DiverMoveInterval;
                diver.Advance();
                if (!diver.IsInside)
                {
                    _divers.RemoveAt(i);
                    continue;
                }
                if (IsOnSub(diver) && Divers < MaxDivers)
                {
                    Divers++;
                    _divers.RemoveAt(i);
                    continue;
                }
            }
            else
            {
                diver.MoveTimer--;
            }
            i++;
        }
    }

    // Fish and enemy subs: a collision with the sub ends the episode (the step goes on); a friendly bullet in the cell an
    // enemy moves into destroys both. An enemy sub's shot is evaluated even when it was just removed.
    private float MoveEnemies(MovingObjectList enemies, bool shoots)
    {
        float reward = 0;
        for (int i = 0; i < enemies.Count;)
        {
            ref var enemy = ref enemies[i];
            bool removed = false;
            if (IsOnSub(enemy)) Terminate();
            if (enemy.MoveTimer == 0)
            {
                enemy.MoveTimer = MoveSpeed;
                enemy.Advance();
                if (!enemy.IsInside)
                {
                    removed = true;
                }
                else if (IsOnSub(enemy))
                {
                    Terminate();
                }
                else if (_friendlyBullets.IndexAt(enemy.X, enemy.Y) is int bullet and >= 0)
                {
                    _friendlyBullets.RemoveAt(bullet);
                    reward += 1;
                    removed = true;
                }
            }
            else
            {
                enemy.MoveTimer--;
            }

            if (shoots)
            {
                if (enemy.ShotTimer == 0)
                {
                    enemy.ShotTimer = EnemyShotInterval;
                    _enemyBullets.Add(new MovingObject(enemy.X, enemy.Y, enemy.MovingRight));
                }
                else
                {
                    enemy.ShotTimer--;
                }
            }

            if (removed) enemies.RemoveAt(i);
            else i++;
        }
        return reward;
    }

    // Enemy bullets pass friendly ones.
    private void MoveEnemyBullets()
    {
        for (int i = 0; i < _enemyBullets.Count;)
        {
            ref var bullet = ref _enemyBullets[i];
            if (IsOnSub(bullet)) Terminate();
            bullet.Advance();
            if (!bullet.IsInside)
            {
                _enemyBullets.RemoveAt(i);
                continue;
            }
            if (IsOnSub(bullet)) Terminate();
            i++;
        }
    }

    // Six divers pay the lit oxygen cells; every surfacing refills the tank and then costs one diver, so six become -1.
    private float Surface()
    {
        Surfaced = true;
        float reward = 0;
        if (Divers == MaxDivers)
        {
            reward = Oxygen * GridSize / MaxOxygen;
            Divers = 0;
        }
        Oxygen = MaxOxygen;
        Divers--;
        if (Ramping && (EnemySpawnSpeed > 1 || MoveSpeed > 2))
        {
            if (MoveSpeed > 2 && RampIndex % 2 == 1) MoveSpeed--;
            if (EnemySpawnSpeed > 1) EnemySpawnSpeed--;
            RampIndex++;
        }
        return reward;
    }

    private bool IsOnSub(in MovingObject item) => item.X == SubX && item.Y == SubY;
}
