namespace MuZero.Environments.MinAtar;

/// <summary>
/// The settings every MinAtar game shares. The defaults are the published protocol: sticky actions with
/// probability 0.1, the full six-action set, difficulty ramping on.
/// </summary>
/// <param name="StickyActionProbability">Chance, in [0, 1], that a step repeats the previously executed action instead of the chosen one (0 disables).</param>
/// <param name="MinimalActionSet">Expose only the game's minimal action set (MinAtar's <c>-v1</c>) instead of all six actions (<c>-v0</c>).</param>
/// <param name="Ramping">Difficulty ramping (Asterix, Seaquest, Space Invaders; Breakout and Freeway have none).</param>
public sealed record MinAtarSettings(double StickyActionProbability = MinAtarSettings.DefaultStickyActionProbability, bool MinimalActionSet = false, bool Ramping = true)
{
    /// <summary>The sticky-action probability of the MinAtar paper.</summary>
    public const double DefaultStickyActionProbability = 0.1;

    /// <summary>The published protocol's settings.</summary>
    public static MinAtarSettings Default { get; } = new();
}
