namespace MuZero.Training.Checkpoints;

/// <summary>Progress counters saved with every checkpoint.</summary>
public sealed record TrainingCounters
{
    /// <summary>Learner updates done.</summary>
    public long TrainingStep { get; init; }

    /// <summary>Environment steps played by the actor.</summary>
    public long EnvironmentSteps { get; init; }

    /// <summary>Episodes finished by the actor.</summary>
    public long Episodes { get; init; }

    /// <summary>Wall-clock seconds spent in the run so far (across resumes).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Fractional update credit carried between actor steps (replay ratio bookkeeping).</summary>
    public double UpdateCredit { get; init; }

    /// <summary>Highest evaluation score so far (mean return, or (wins + draws / 2) / games); null before the first evaluation.</summary>
    public double? BestScore { get; init; }

    /// <summary>Update at which <see cref="BestScore"/> was reached (its weights are in <c>checkpoints/best.ckpt</c>).</summary>
    public long BestStep { get; init; }

    /// <summary>Update of the first evaluation that reached <c>evaluation.stop_at</c> (the run then ended); null while none has.</summary>
    public long? GoalStep { get; init; }
}
