namespace MuZero.Training.Configuration;

/// <summary>
/// The one list of learning-rate schedule kinds (<c>training.learning_rate_schedule.kind</c>): config validation
/// and <see cref="LearningRateSchedule.At"/> both read it, so a kind can neither pass validation unimplemented nor
/// fall back silently. Names are lower-case and matched case-sensitively (ordinal).
/// </summary>
public static class LearningRateScheduleRegistry
{
    /// <summary>The decayed rate (before warm-up) at <paramref name="step"/> of <paramref name="totalSteps"/>, from <paramref name="baseRate"/>.</summary>
    public delegate double Decay(LearningRateSchedule schedule, long step, double baseRate, long totalSteps);

    private static readonly (string Name, Decay Rate)[] Entries =
    [
        ("constant", (_, _, baseRate, _) => baseRate),
        ("exponential", (s, step, baseRate, _) => baseRate * Math.Pow(s.DecayRate, (double)step / s.DecaySteps)),
        ("cosine", (_, step, baseRate, total) => baseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)step / Math.Max(1, total))))),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known kinds, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when a kind is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => name is not null && Array.IndexOf(NameList, name) >= 0;

    /// <summary>The decay function of kind <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown kind; the one-line message lists the known ones.</exception>
    public static Decay Get(string name)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry.Rate;
        }
        throw new ArgumentException($"unknown learning_rate_schedule.kind '{name}'; known kinds: {string.Join(", ", NameList)}");
    }
}
