namespace MuZero.Training.Configuration;

/// <summary>Replay buffer and value-target settings.</summary>
public sealed record ReplayConfig
{
    /// <summary>Positions kept; the oldest whole games are dropped beyond this.</summary>
    public int CapacitySteps { get; init; } = 100_000;

    /// <summary>n of the n-step value target; board games use at least the game length (final outcome).</summary>
    public int TdSteps { get; init; } = 10;

    /// <summary>Priority exponent alpha (0 = uniform sampling).</summary>
    public double PriorityAlpha { get; init; } = 1.0;

    /// <summary>Importance-sampling exponent beta (0 = no correction).</summary>
    public double PriorityBeta { get; init; } = 1.0;

    /// <summary>Positions collected before the first update.</summary>
    public int MinStepsBeforeTraining { get; init; } = 1000;
}
