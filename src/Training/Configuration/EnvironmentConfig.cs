namespace MuZero.Training.Configuration;

/// <summary>Which game to play.</summary>
public sealed record EnvironmentConfig
{
    /// <summary>Registry name of the game (see <c>MuZero.Environments.EnvironmentRegistry</c>).</summary>
    public string Name { get; init; } = "cartpole";
}
