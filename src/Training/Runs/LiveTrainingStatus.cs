namespace MuZero.Training.Runs;

/// <summary>
/// Where a running training stands, kept current by the run as it goes (every update, every self-play round,
/// every evaluation) and readable from any other thread at any time: a progress display polls it. Each value is
/// read and written atomically; reading allocates nothing and never waits for the run.
/// </summary>
public sealed class LiveTrainingStatus
{
    private long _updates;
    private long _lastUpdate;
    private long _environmentSteps;
    private long _episodes;
    private long _replayPositions;
    private double _recentReturn = double.NaN;
    private double _evaluationScore = double.NaN;
    private long _evaluationStep = -1;
    private int _phase;

    internal LiveTrainingStatus(long totalUpdates, long minReplayPositions, bool isTwoPlayer)
    {
        TotalUpdates = totalUpdates;
        _lastUpdate = totalUpdates;
        MinReplayPositions = minReplayPositions;
        IsTwoPlayer = isTwoPlayer;
    }

    /// <summary>The run's budget (<c>training.training_steps</c>).</summary>
    public long TotalUpdates { get; }

    /// <summary>Positions the replay buffer must hold before the first update.</summary>
    public long MinReplayPositions { get; }

    /// <summary>True for two-player games (<see cref="RecentReturn"/> is then the share of decisive games).</summary>
    public bool IsTwoPlayer { get; }

    /// <summary>The update this invocation stops at: the budget, or an earlier limit (<c>train --resume --steps</c>).</summary>
    public long LastUpdate { get => Volatile.Read(ref _lastUpdate); internal set => Volatile.Write(ref _lastUpdate, value); }

    /// <summary>Learner updates done.</summary>
    public long Updates { get => Volatile.Read(ref _updates); internal set => Volatile.Write(ref _updates, value); }

    /// <summary>Environment steps played.</summary>
    public long EnvironmentSteps { get => Volatile.Read(ref _environmentSteps); internal set => Volatile.Write(ref _environmentSteps, value); }

    /// <summary>Self-play episodes finished.</summary>
    public long Episodes { get => Volatile.Read(ref _episodes); internal set => Volatile.Write(ref _episodes, value); }

    /// <summary>Positions in the replay buffer.</summary>
    public long ReplayPositions { get => Volatile.Read(ref _replayPositions); internal set => Volatile.Write(ref _replayPositions, value); }

    /// <summary>
    /// Mean return of the last 50 self-play episodes (two-player: the share of them someone won); NaN before the first.
    /// </summary>
    public double RecentReturn { get => Volatile.Read(ref _recentReturn); internal set => Volatile.Write(ref _recentReturn, value); }

    /// <summary>Score of the latest evaluation (as <see cref="TensorBoardTags.EvaluationScore"/>); NaN before the first.</summary>
    public double EvaluationScore => Volatile.Read(ref _evaluationScore);

    /// <summary>Update of the latest evaluation; -1 before the first.</summary>
    public long EvaluationStep => Volatile.Read(ref _evaluationStep);

    /// <summary>What the run is doing.</summary>
    public TrainingPhase Phase { get => (TrainingPhase)Volatile.Read(ref _phase); internal set => Volatile.Write(ref _phase, (int)value); }

    internal void SetEvaluation(long step, double score)
    {
        // Score first: a reader that reads the step first and sees the new one also sees its score.
        Volatile.Write(ref _evaluationScore, score);
        Volatile.Write(ref _evaluationStep, step);
    }
}
