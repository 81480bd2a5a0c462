namespace MuZero.Training.Runs;

/// <summary>What a running training is doing, for progress displays.</summary>
public enum TrainingPhase
{
    /// <summary>Self-play fills the replay buffer up to <c>replay.min_steps_before_training</c>; no updates yet.</summary>
    FillingReplay,

    /// <summary>Self-play and learner updates.</summary>
    Training,

    /// <summary>A greedy evaluation of the learner's weights.</summary>
    Evaluating,
}
