namespace MuZero.Training.Runs;

/// <summary>A snapshot of a running training job, for progress displays.</summary>
public sealed record TrainingProgress(
    long TrainingStep,
    long TotalSteps,
    long EnvironmentSteps,
    long Episodes,
    double RecentReturn,
    double Loss,
    double UpdatesPerSecond,
    double EnvironmentStepsPerSecond,
    TimeSpan Elapsed);
