using MuZero.Training.Statistics;

namespace MuZero.Training.Experiments;

/// <summary>
/// A metric across the seeds of an experiment at update <see cref="Step"/>: the <see cref="Runs"/> seeds that have a
/// value there (<see cref="Seeds"/>, <see cref="Values"/>), their mean and interquartile mean, each with its bootstrap
/// confidence interval, and the mean environment steps and seconds at which the seeds reached the update (null when
/// no seed's metrics say).
/// </summary>
public sealed record AggregatePoint(
    long Step,
    int Runs,
    double? EnvironmentSteps,
    double? ElapsedSeconds,
    double Mean,
    ConfidenceInterval MeanInterval,
    double InterquartileMean,
    ConfidenceInterval InterquartileMeanInterval,
    IReadOnlyList<ulong> Seeds,
    IReadOnlyList<double> Values);
