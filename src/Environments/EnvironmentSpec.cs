namespace MuZero.Environments;

/// <summary>Static description of a game: what the agent observes and which actions exist.</summary>
/// <param name="Name">Registry name, e.g. <c>cartpole</c>.</param>
/// <param name="ObservationShape">Shape of one observation, e.g. <c>[4]</c> or <c>[3, 3, 3]</c> (C, H, W).</param>
/// <param name="ActionCount">Number of discrete actions |A|.</param>
/// <param name="PlayerCount">1 for single-agent games, 2 for two-player zero-sum games.</param>
/// <param name="MaxEpisodeSteps">Steps after which an episode is truncated (or can no longer continue).</param>
/// <param name="BinaryObservations">Every observation value is 0 or 1 (MinAtar's channels), so replay may keep one bit per value.</param>
public sealed record EnvironmentSpec(string Name, int[] ObservationShape, int ActionCount, int PlayerCount, int MaxEpisodeSteps, bool BinaryObservations = false)
{
    /// <summary>Number of floats in one flattened observation.</summary>
    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);

    /// <summary>True for two-player zero-sum games (values flip sign every ply).</summary>
    public bool IsTwoPlayer => PlayerCount == 2;
}
