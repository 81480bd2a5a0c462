namespace MuZero.Environments.MinAtar;

/// <summary>
/// What the five MinAtar games share: the 10 x 10 grid of binary channels, the six-action set and its minimal
/// subsets, sticky actions, one seeded generator per episode and the step and ending bookkeeping. A game supplies
/// its reset, its step rule and the cells it lights.
/// </summary>
/// <remarks>
/// Sticky actions follow MinAtar: every step draws exactly one uniform number u (whatever the probability), and
/// when u &lt; p the executed action is the previously executed one instead of the chosen one. The previously
/// executed action starts at no-op when the game is constructed and, as in MinAtar, is <em>not</em> cleared by
/// <see cref="Reset"/>: the first step of an episode can repeat the last action of the previous episode. The same
/// generator drives the sticky draw and the game, and is re-seeded by every <see cref="Reset"/>.
/// </remarks>
public abstract class MinAtarGame : IEnvironment
{
    /// <summary>Side of the square grid.</summary>
    public const int GridSize = 10;

    /// <summary>Cells in one channel.</summary>
    public const int CellCount = GridSize * GridSize;

    private static readonly int[] FullActionSet = [0, 1, 2, 3, 4, 5];
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, int ActionCount), EnvironmentSpec> Specs = new();

    private readonly int[] _actionMap;
    private readonly int _channels;
    private readonly double _stickyActionProbability;
    private SplitMix64 _random;
    private bool _terminated;
    private bool _truncated;

    /// <summary>Sets up the shared parts; the derived constructor must call <see cref="Reset"/> once its own state exists.</summary>
    /// <param name="name">Registry name, e.g. <c>minatar-breakout</c>.</param>
    /// <param name="channels">Number of binary channels C of the observation [C, 10, 10].</param>
    /// <param name="minimalActions">The game's minimal action set, as full-set indices.</param>
    /// <param name="settings">Sticky actions, action set and ramping.</param>
    /// <param name="maxEpisodeSteps">The game's step limit, or <see cref="int.MaxValue"/> when it has none.</param>
    private protected MinAtarGame(string name, int channels, int[] minimalActions, MinAtarSettings settings, int maxEpisodeSteps)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.StickyActionProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.StickyActionProbability, "The sticky-action probability must be in [0, 1].");
        Settings = settings;
        _channels = channels;
        _actionMap = settings.MinimalActionSet ? minimalActions : FullActionSet;
        _stickyActionProbability = settings.StickyActionProbability;
        // One spec object per game and action set: specs are records whose shape array compares by reference.
        Spec = Specs.GetOrAdd((name, _actionMap.Length), static (key, shape) =>
            new EnvironmentSpec(key.Name, [shape.Channels, GridSize, GridSize], key.ActionCount, PlayerCount: 1, shape.MaxEpisodeSteps), (Channels: channels, MaxEpisodeSteps: maxEpisodeSteps));
    }

    /// <inheritdoc />
    public EnvironmentSpec Spec { get; }

    /// <summary>Sticky actions, action set and ramping of this game.</summary>
    public MinAtarSettings Settings { get; }

    /// <summary>Whether difficulty ramping is on (only the games that ramp read it).</summary>
    protected bool Ramping => Settings.Ramping;

    /// <summary>The full-set action (<see cref="MinAtarAction"/>) behind each of the agent's action indices.</summary>
    public ReadOnlySpan<int> ActionMap => _actionMap;

    /// <summary>
    /// The full-set action executed by the last step, which a sticky step repeats. It survives <see cref="Reset"/>
    /// (MinAtar's behaviour); set it to restore a game exactly, e.g. after replaying a saved episode.
    /// </summary>
    public int LastAction { get; set; }

    /// <inheritdoc />
    public int ToPlay => 0;

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public bool IsOver => _terminated || _truncated;

    /// <summary>True once the episode reached a terminal state.</summary>
    public bool IsTerminated => _terminated;

    /// <inheritdoc />
    public void Reset(ulong seed)
    {
        _random = new SplitMix64(seed);
        StepCount = 0;
        _terminated = false;
        _truncated = false;
        ResetGame();
    }

    /// <inheritdoc />
    public void WriteObservation(Span<float> destination)
    {
        if (destination.Length != _channels * CellCount)
            throw new ArgumentException($"{Spec.Name} observation needs {_channels * CellCount} floats ([{_channels}, {GridSize}, {GridSize}]), got {destination.Length}.", nameof(destination));
        destination.Clear();
        LightCells(destination);
    }

    /// <inheritdoc />
    public void WriteLegalActions(Span<bool> destination)
    {
        if (destination.Length != _actionMap.Length)
            throw new ArgumentException($"{Spec.Name} legal-action mask needs {_actionMap.Length} entries, got {destination.Length}.", nameof(destination));
        destination.Fill(!IsOver);
    }

    /// <inheritdoc />
    public bool IsLegal(int action) => !IsOver && (uint)action < (uint)_actionMap.Length;

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if ((uint)action >= (uint)_actionMap.Length)
            throw new IllegalActionException($"{Spec.Name} action {action} is out of range; expected 0..{_actionMap.Length - 1}.");
        if (IsOver)
            throw new IllegalActionException($"{Spec.Name} action {action} was played after the episode ended; call Reset first.");

        int executed = _actionMap[action];
        // One draw per step whatever the probability, so p only decides which action runs, never the game's randomness.
        if (_random.NextDouble() < _stickyActionProbability) executed = LastAction;
        LastAction = executed;
        StepCount++;
        float reward = Advance(executed);
        return new StepResult(reward, _terminated, _truncated);
    }

    /// <summary>Puts the game in its start state, drawing from the episode's generator.</summary>
    private protected abstract void ResetGame();

    /// <summary>One step of the game's rules with the executed full-set action; returns the step's reward.</summary>
    private protected abstract float Advance(int action);

    /// <summary>Sets the cells of the observation [C, 10, 10] that are on; the destination is already cleared.</summary>
    private protected abstract void LightCells(Span<float> observation);

    /// <summary>Marks the episode terminal. As in MinAtar the rest of the step still runs (and its rewards count).</summary>
    private protected void Terminate() => _terminated = true;

    /// <summary>Marks the episode cut by a time limit that the observation does not show (bootstrapped, not terminal).</summary>
    private protected void Truncate() => _truncated = !_terminated;

    /// <summary>Uniform double in [0, 1) from the episode's generator.</summary>
    private protected double NextUniform() => _random.NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>) from the episode's generator.</summary>
    private protected int NextInt(int exclusiveMax) => _random.NextInt(exclusiveMax);

    /// <summary>Lights cell (x, y) of <paramref name="channel"/>; x is the column, y the row (0 at the top).</summary>
    private protected static void Light(Span<float> observation, int channel, int x, int y) => observation[(channel * GridSize + y) * GridSize + x] = 1f;
}
