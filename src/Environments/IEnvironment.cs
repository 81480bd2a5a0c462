namespace MuZero.Environments;

/// <summary>
/// One game instance. Implementations are reusable across episodes and do not allocate per step.
/// Two-player games report the reward from the point of view of the player who moved.
/// </summary>
public interface IEnvironment
{
    /// <summary>Static description of the game.</summary>
    EnvironmentSpec Spec { get; }

    /// <summary>Player to move now: always 0 in single-agent games, 0 or 1 in two-player games.</summary>
    int ToPlay { get; }

    /// <summary>Steps taken in the current episode.</summary>
    int StepCount { get; }

    /// <summary>True once the current episode has ended (terminated or truncated).</summary>
    bool IsOver { get; }

    /// <summary>Starts a new episode; the same seed gives the same initial state.</summary>
    void Reset(ulong seed);

    /// <summary>Writes the current observation, flattened, into <paramref name="destination"/> (length <see cref="EnvironmentSpec.ObservationSize"/>).</summary>
    void WriteObservation(Span<float> destination);

    /// <summary>Writes the legal-action mask into <paramref name="destination"/> (length <see cref="EnvironmentSpec.ActionCount"/>).</summary>
    void WriteLegalActions(Span<bool> destination);

    /// <summary>True when <paramref name="action"/> may be played now.</summary>
    bool IsLegal(int action);

    /// <summary>Plays <paramref name="action"/>.</summary>
    /// <exception cref="IllegalActionException">The action is out of range, illegal here, or the episode is over.</exception>
    StepResult Step(int action);
}
