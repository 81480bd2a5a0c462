namespace MuZero.Training.Configuration;

/// <summary>Learner settings and the run's budget.</summary>
public sealed record TrainingConfig
{
    /// <summary>Updates in the whole run; the run ends here with a final checkpoint.</summary>
    public long TrainingSteps { get; init; } = 10_000;

    /// <summary>Optional wall-clock limit in minutes; the run ends (with a checkpoint) when reached.</summary>
    public double? MaxWallMinutes { get; init; }

    /// <summary>Positions per update.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>K, the number of unrolled dynamics steps.</summary>
    public int UnrollSteps { get; init; } = 5;

    /// <summary><c>adam</c>, <c>adamw</c> or <c>sgd</c> (with momentum).</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 0.003;

    /// <summary>How the learning rate changes over the run.</summary>
    public LearningRateSchedule LearningRateSchedule { get; init; } = new();

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight of the value loss (0.25 in MuZero Reanalyze).</summary>
    public double ValueLossWeight { get; init; } = 1.0;

    /// <summary>Gradient-norm clip; null = none.</summary>
    public double? MaxGradNorm { get; init; }

    /// <summary>Updates per environment step collected (the replay ratio): 0.25 = one update per 4 steps.</summary>
    public double UpdatesPerEnvStep { get; init; } = 0.25;

    /// <summary>
    /// True: self-play and the learner run at the same time, on two threads with one libtorch thread each; false:
    /// one after the other, each with all of libtorch's threads. Both give the same sequence of games and updates.
    /// </summary>
    public bool ConcurrentSelfPlay { get; init; } = true;

    /// <summary>
    /// Board games: map every sampled position (observation, unrolled actions, policy targets) through one of the
    /// game's symmetries, drawn uniformly per position (<see cref="Learning.SymmetryAugmentation"/>): 8 on square
    /// boards, 2 in Connect Four. Other environments have none and refuse it.
    /// </summary>
    public bool SymmetryAugmentation { get; init; }

    /// <summary>Updates between checkpoints.</summary>
    public long CheckpointInterval { get; init; } = 1000;

    /// <summary>Updates between metric lines.</summary>
    public long LogInterval { get; init; } = 100;

    /// <summary>
    /// Also write the metrics as TensorBoard event files (<c>events.out.tfevents.*</c>) in the run directory, with
    /// step = update count.
    /// </summary>
    public bool Tensorboard { get; init; } = true;
}
