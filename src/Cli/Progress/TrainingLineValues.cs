using MuZero.Training.Runs;

namespace MuZero.Cli.Progress;

/// <summary>What <see cref="TrainingProgressLine.Format"/> shows; rates are NaN while unknown; <c>PhaseSeconds</c> is the time since the phase began.</summary>
internal readonly record struct TrainingLineValues(
    TrainingPhase Phase,
    double PhaseSeconds,
    long Updates,
    long LastUpdate,
    double UpdatesPerSecond,
    double EnvironmentStepsPerSecond,
    long ReplayPositions,
    long MinReplayPositions,
    bool IsTwoPlayer,
    double RecentReturn,
    long EvaluationStep,
    double EvaluationScore);
