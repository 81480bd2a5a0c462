using System.Runtime.InteropServices;

namespace MuZero.Training.Replay;

/// <summary>
/// One episode as the actor saw it. Step t holds the observation o_t, legal mask, player to move,
/// the search's root value v_t and visit distribution pi_t, the action a_t taken and the reward u_{t+1}
/// that action earned (for the player who took it). Stored in flat growable arrays.
/// </summary>
public sealed class GameHistory
{
    private readonly List<float> _observations = []; // [T, O]
    private readonly List<bool> _legal = [];         // [T, A]
    private readonly List<float> _policies = [];     // [T, A]
    private readonly List<int> _toPlay = [];
    private readonly List<int> _actions = [];
    private readonly List<float> _rewards = [];
    private readonly List<float> _rootValues = [];

    /// <summary>Creates an empty history for observations of <paramref name="observationSize"/> floats and <paramref name="actionCount"/> actions.</summary>
    public GameHistory(int observationSize, int actionCount)
    {
        ObservationSize = observationSize;
        ActionCount = actionCount;
    }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Number of actions.</summary>
    public int ActionCount { get; }

    /// <summary>Steps recorded (T).</summary>
    public int Length => _actions.Count;

    /// <summary>The episode ended in a terminal state (absorbing afterwards).</summary>
    public bool Terminated { get; private set; }

    /// <summary>The episode was cut by a step limit; value targets past the cut bootstrap instead of absorbing.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Sum of rewards over the episode.</summary>
    public double TotalReward { get; private set; }

    /// <summary>Records the position before a move and the move chosen by the search.</summary>
    public void AddStep(ReadOnlySpan<float> observation, ReadOnlySpan<bool> legal, int toPlay, int action, float rootValue, ReadOnlySpan<float> policy)
    {
        if (observation.Length != ObservationSize) throw new ArgumentException($"observation has {observation.Length} floats, expected {ObservationSize}", nameof(observation));
        if (legal.Length != ActionCount || policy.Length != ActionCount) throw new ArgumentException($"legal mask and policy must have {ActionCount} entries");
        _observations.AddRange(observation);
        _legal.AddRange(legal);
        _policies.AddRange(policy);
        _toPlay.Add(toPlay);
        _actions.Add(action);
        _rootValues.Add(rootValue);
        _rewards.Add(0f);
    }

    /// <summary>Sets the reward u_{t+1} earned by the last recorded action.</summary>
    public void SetLastReward(float reward)
    {
        _rewards[^1] = reward;
        TotalReward += reward;
    }

    /// <summary>Marks the episode as ended.</summary>
    public void Finish(bool terminated, bool truncated)
    {
        Terminated = terminated;
        Truncated = truncated && !terminated;
    }

    /// <summary>o_t, [O].</summary>
    public ReadOnlySpan<float> Observation(int t) => CollectionsMarshal.AsSpan(_observations).Slice(t * ObservationSize, ObservationSize);

    /// <summary>Legal mask at t, [A].</summary>
    public ReadOnlySpan<bool> LegalActions(int t) => CollectionsMarshal.AsSpan(_legal).Slice(t * ActionCount, ActionCount);

    /// <summary>pi_t, the search's visit distribution, [A].</summary>
    public ReadOnlySpan<float> Policy(int t) => CollectionsMarshal.AsSpan(_policies).Slice(t * ActionCount, ActionCount);

    /// <summary>Player to move at t.</summary>
    public int ToPlay(int t) => _toPlay[t];

    /// <summary>a_t.</summary>
    public int Action(int t) => _actions[t];

    /// <summary>u_{t+1}, the reward of a_t.</summary>
    public float Reward(int t) => _rewards[t];

    /// <summary>v_t, the search's root value at t.</summary>
    public float RootValue(int t) => _rootValues[t];
}
