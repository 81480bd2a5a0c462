namespace MuZero.Training.Runs;

/// <summary>Why a training invocation ended.</summary>
public enum StopReason
{
    /// <summary><c>training.training_steps</c> updates are done.</summary>
    BudgetReached,

    /// <summary>The invocation's own update limit (<c>train --steps</c> with <c>--resume</c>) was reached.</summary>
    StepLimit,

    /// <summary>The wall-clock limit was reached.</summary>
    WallClockLimit,

    /// <summary>An evaluation reached <c>evaluation.stop_at</c>.</summary>
    GoalReached,

    /// <summary>Cancelled (Ctrl-C, SIGTERM).</summary>
    Cancelled,
}

/// <summary>How a training invocation ended: its last checkpoint, the update reached, and why it stopped.</summary>
public sealed record TrainingOutcome(string CheckpointPath, long Step, StopReason Reason);
