namespace MuZero.Training.Runs;

/// <summary>
/// One value of a metric in a run's <c>metrics.jsonl</c> and where it was taken: at update <see cref="Step"/>, after
/// <see cref="EnvironmentSteps"/> environment steps and <see cref="ElapsedSeconds"/> seconds of training (across
/// resumes). The last two are null where the record and the run's other records do not say.
/// </summary>
public readonly record struct MetricPoint(long Step, long? EnvironmentSteps, double? ElapsedSeconds, double Value);
