namespace MuZero.Training.Configuration;

/// <summary>Learning rate as a function of the training step: linear warm-up, then constant, exponential or cosine decay.</summary>
public sealed record LearningRateSchedule
{
    /// <summary>A kind of <see cref="LearningRateScheduleRegistry"/>: <c>constant</c>, <c>exponential</c> (lr * rate^(step / decay_steps)) or <c>cosine</c> (to 0 at the last step).</summary>
    public string Kind { get; init; } = "constant";

    /// <summary>Multiplier per <see cref="DecaySteps"/> for <c>exponential</c>.</summary>
    public double DecayRate { get; init; } = 0.1;

    /// <summary>Steps per factor <see cref="DecayRate"/> for <c>exponential</c>.</summary>
    public long DecaySteps { get; init; } = 10_000;

    /// <summary>Steps of linear warm-up from 0.</summary>
    public long WarmupSteps { get; init; }

    /// <summary>Learning rate at <paramref name="step"/> for base rate <paramref name="baseRate"/> over <paramref name="totalSteps"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="Kind"/> is not in <see cref="LearningRateScheduleRegistry"/>.</exception>
    public double At(long step, double baseRate, long totalSteps)
    {
        double rate = LearningRateScheduleRegistry.Get(Kind)(this, step, baseRate, totalSteps);
        return WarmupSteps > 0 && step < WarmupSteps ? rate * (step + 1) / WarmupSteps : rate;
    }
}
