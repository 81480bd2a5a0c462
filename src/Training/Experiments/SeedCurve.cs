using MuZero.Training.Runs;

namespace MuZero.Training.Experiments;

/// <summary>One seed's series of a metric (e.g. its evaluation returns), as read from its run's <c>metrics.jsonl</c>.</summary>
public sealed record SeedCurve(ulong Seed, IReadOnlyList<MetricPoint> Points);
