using System.Runtime.InteropServices;
using MuZero.Training.Checkpoints;

namespace MuZero.Training.Replay;

/// <summary>
/// One episode as the actor saw it. Step t holds the observation o_t, legal mask, player to move,
/// the search's root value v_t and policy target pi_t (the search policy's action weights: the visit
/// distribution for MuZero), the action a_t taken and the reward u_{t+1}
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

    /// <summary>
    /// Replaces the search statistics of step <paramref name="t"/> (its root value v_t and policy target pi_t) with
    /// those of a new search of o_t (reanalysis); nothing else of the game changes.
    /// </summary>
    public void ReplaceSearchStatistics(int t, float rootValue, ReadOnlySpan<float> policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Length);
        if (policy.Length != ActionCount) throw new ArgumentException($"policy must have {ActionCount} entries, got {policy.Length}", nameof(policy));
        _rootValues[t] = rootValue;
        policy.CopyTo(CollectionsMarshal.AsSpan(_policies).Slice(t * ActionCount, ActionCount));
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

    /// <summary>pi_t, the search policy's action weights (the policy target), [A].</summary>
    public ReadOnlySpan<float> Policy(int t) => CollectionsMarshal.AsSpan(_policies).Slice(t * ActionCount, ActionCount);

    /// <summary>Player to move at t.</summary>
    public int ToPlay(int t) => _toPlay[t];

    /// <summary>a_t.</summary>
    public int Action(int t) => _actions[t];

    /// <summary>u_{t+1}, the reward of a_t.</summary>
    public float Reward(int t) => _rewards[t];

    /// <summary>v_t, the search's root value at t.</summary>
    public float RootValue(int t) => _rootValues[t];

    /// <summary>False when a root value or a reward is NaN or infinite (the network diverged).</summary>
    public bool HasFiniteValues()
    {
        foreach (float v in CollectionsMarshal.AsSpan(_rootValues))
            if (!float.IsFinite(v)) return false;
        foreach (float r in CollectionsMarshal.AsSpan(_rewards))
            if (!float.IsFinite(r)) return false;
        return true;
    }

    /// <summary>Writes the whole history (binary, read back by <see cref="Read"/>): checkpoints keep replay and unfinished games.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(ObservationSize);
        writer.Write(ActionCount);
        writer.Write(Terminated);
        writer.Write(Truncated);
        writer.Write(TotalReward);
        writer.WriteBlock<float>(CollectionsMarshal.AsSpan(_observations));
        writer.WriteBlock<bool>(CollectionsMarshal.AsSpan(_legal));
        writer.WriteBlock<float>(CollectionsMarshal.AsSpan(_policies));
        writer.WriteBlock<int>(CollectionsMarshal.AsSpan(_toPlay));
        writer.WriteBlock<int>(CollectionsMarshal.AsSpan(_actions));
        writer.WriteBlock<float>(CollectionsMarshal.AsSpan(_rewards));
        writer.WriteBlock<float>(CollectionsMarshal.AsSpan(_rootValues));
    }

    /// <summary>Reads a history written by <see cref="Write"/> for a game of the given sizes.</summary>
    /// <exception cref="InvalidDataException">The data is of another game or inconsistent.</exception>
    public static GameHistory Read(BinaryReader reader, int observationSize, int actionCount, int maxLength)
    {
        int o = reader.ReadInt32(), a = reader.ReadInt32();
        if (o != observationSize || a != actionCount)
            throw new InvalidDataException($"a game with {o} observation floats and {a} actions, expected {observationSize} and {actionCount}");
        var game = new GameHistory(o, a)
        {
            Terminated = reader.ReadBoolean(),
            Truncated = reader.ReadBoolean(),
            TotalReward = reader.ReadDouble(),
        };
        reader.ReadBlock(game._observations, checked(maxLength * o));
        reader.ReadBlock(game._legal, checked(maxLength * a));
        reader.ReadBlock(game._policies, checked(maxLength * a));
        reader.ReadBlock(game._toPlay, maxLength);
        reader.ReadBlock(game._actions, maxLength);
        reader.ReadBlock(game._rewards, maxLength);
        reader.ReadBlock(game._rootValues, maxLength);
        int t = game._actions.Count;
        if (game._observations.Count != t * o || game._legal.Count != t * a || game._policies.Count != t * a
            || game._toPlay.Count != t || game._rewards.Count != t || game._rootValues.Count != t)
            throw new InvalidDataException($"a game of {t} steps with inconsistent record lengths");
        return game;
    }
}
