namespace MuZero.Environments.MinAtar;

/// <summary>
/// MinAtar Freeway: a chicken in column 4 crosses eight lanes of traffic from the bottom row to the top, +1 per
/// crossing, after which it starts again at the bottom and every car draws a new speed and direction. A car sends the
/// chicken back to the bottom (no penalty, no ending). The chicken moves at most once every 3 steps; a car of speed
/// s (1..5) moves every s + 1 steps, wrapping around. No ramping. Channels: 0 chicken, 1 car, 2..6 the trail of a
/// car of speed 1..5. Actions: up and down (the others are no-ops); minimal set {no-op, up, down}.
/// </summary>
/// <remarks>
/// <para>
/// The episode lasts exactly <see cref="EpisodeSteps"/> steps, as in MinAtar. MinAtar reports that end as terminal;
/// here it is a <em>truncation</em> (<see cref="StepResult.Truncated"/>): the returns and episode lengths are the same,
/// but value targets bootstrap past the cut. The clock is not in the observation, so an absorbing zero after step
/// 2501 would give identical-looking states different values depending on a time the agent cannot see; a
/// truncation keeps the targets a function of what is observed (Pardo et al. 2018, "Time limits in RL").
/// </para>
/// </remarks>
public sealed class Freeway : MinAtarGame
{
    /// <summary>Steps in every episode: MinAtar's timer starts at 2500 and the episode ends when it goes below 0.</summary>
    public const int EpisodeSteps = 2501;

    /// <summary>Column of the chicken.</summary>
    public const int ChickenX = 4;

    /// <summary>Number of cars, one per row 1..8.</summary>
    public const int CarCount = 8;

    /// <summary>Steps the chicken waits after a move.</summary>
    public const int ChickenMoveInterval = 3;

    private const int ChickenChannel = 0;
    private const int CarChannel = 1;
    private const int FirstTrailChannel = 2;
    private const int TimeLimit = EpisodeSteps - 1;

    private readonly int[] _carX = new int[CarCount];
    private readonly int[] _carSpeed = new int[CarCount];
    private readonly bool[] _carMovesRight = new bool[CarCount];
    private readonly int[] _carTimer = new int[CarCount];

    /// <summary>A new game with the published settings, reset with seed 0.</summary>
    public Freeway() : this(MinAtarSettings.Default)
    {
    }

    /// <summary>A new game with <paramref name="settings"/> (ramping is ignored: Freeway has none), reset with seed 0.</summary>
    public Freeway(MinAtarSettings settings)
        : base("minatar-freeway", 7, [MinAtarAction.NoOp, MinAtarAction.Up, MinAtarAction.Down], settings, EpisodeSteps) => Reset(0);

    /// <summary>Row of the chicken (9 at the start, never 0 when observed).</summary>
    public int ChickenY { get; private set; }

    /// <summary>Steps until the chicken may move again (0: it may move now).</summary>
    public int MoveTimer { get; private set; }

    /// <summary>Counts down from 2500; the episode ends on the step that takes it below 0.</summary>
    public int TerminateTimer { get; private set; }

    /// <summary>Car <paramref name="car"/> (in row car + 1): column, speed 1..5, direction and the steps until it moves.</summary>
    public (int X, int Speed, bool MovingRight, int Timer) Car(int car) => (_carX[car], _carSpeed[car], _carMovesRight[car], _carTimer[car]);

    /// <summary>Puts the chicken in row <paramref name="y"/> with <paramref name="moveTimer"/> steps until it may move (for tests and analysis).</summary>
    public void PlaceChicken(int y, int moveTimer = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)y, (uint)(GridSize - 1), nameof(y));
        ArgumentOutOfRangeException.ThrowIfNegative(moveTimer);
        (ChickenY, MoveTimer) = (y, moveTimer);
    }

    /// <summary>Sets car <paramref name="car"/> (row car + 1) (for tests and analysis).</summary>
    public void PlaceCar(int car, int x, int speed, bool movingRight, int timer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)car, (uint)(CarCount - 1), nameof(car));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)x, (uint)(GridSize - 1), nameof(x));
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(speed, 5);
        ArgumentOutOfRangeException.ThrowIfNegative(timer);
        (_carX[car], _carSpeed[car], _carMovesRight[car], _carTimer[car]) = (x, speed, movingRight, timer);
    }

    private protected override void ResetGame()
    {
        ChickenY = GridSize - 1;
        MoveTimer = ChickenMoveInterval;
        TerminateTimer = TimeLimit;
        Array.Clear(_carX);
        DrawCarSpeeds();
    }

    private protected override float Advance(int action)
    {
        float reward = 0;
        if (action is MinAtarAction.Up or MinAtarAction.Down && MoveTimer == 0)
        {
            ChickenY = Math.Clamp(ChickenY + (action == MinAtarAction.Up ? -1 : 1), 0, GridSize - 1);
            MoveTimer = ChickenMoveInterval;
        }
        if (ChickenY == 0)
        {
            reward = 1;
            DrawCarSpeeds();
            ChickenY = GridSize - 1;
        }

        for (int car = 0; car < CarCount; car++)
        {
            int row = car + 1;
            if (_carX[car] == ChickenX && row == ChickenY) ChickenY = GridSize - 1;
            if (_carTimer[car] == 0)
            {
                // The timer reloads without the end-of-step decrement, so a car of speed s moves every s + 1 steps.
                _carTimer[car] = _carSpeed[car];
                _carX[car] = (_carX[car] + (_carMovesRight[car] ? 1 : GridSize - 1)) % GridSize;
                if (_carX[car] == ChickenX && row == ChickenY) ChickenY = GridSize - 1;
            }
            else
            {
                _carTimer[car]--;
            }
        }

        if (MoveTimer > 0) MoveTimer--;
        TerminateTimer--;
        if (TerminateTimer < 0) Truncate();
        return reward;
    }

    private protected override void LightCells(Span<float> observation)
    {
        Light(observation, ChickenChannel, ChickenX, ChickenY);
        for (int car = 0; car < CarCount; car++)
        {
            int x = _carX[car], y = car + 1;
            Light(observation, CarChannel, x, y);
            int behind = (x + (_carMovesRight[car] ? GridSize - 1 : 1)) % GridSize;
            Light(observation, FirstTrailChannel + _carSpeed[car] - 1, behind, y);
        }
    }

    // Positions are kept; each car's timer restarts at its new speed.
    private void DrawCarSpeeds()
    {
        for (int car = 0; car < CarCount; car++)
        {
            _carSpeed[car] = 1 + NextInt(5);
            _carMovesRight[car] = NextUniform() >= 0.5;
            _carTimer[car] = _carSpeed[car];
        }
    }
}
