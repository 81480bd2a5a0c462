namespace MuZero.Training.Statistics;

/// <summary>A two-sided confidence interval [<see cref="Low"/>, <see cref="High"/>].</summary>
public readonly record struct ConfidenceInterval(double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
