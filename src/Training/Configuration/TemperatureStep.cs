namespace MuZero.Training.Configuration;

/// <summary>One piece of the visit-count temperature schedule: <see cref="Value"/> applies while the training step is below <see cref="UntilStep"/>.</summary>
public sealed record TemperatureStep
{
    /// <summary>Exclusive training-step bound; the last entry applies for ever after.</summary>
    public long UntilStep { get; init; } = long.MaxValue;

    /// <summary>Temperature T (0 = argmax).</summary>
    public double Value { get; init; } = 1.0;
}
