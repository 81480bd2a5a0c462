using System.Text.Json.Serialization;
using MuZero.Environments;

namespace MuZero.Training.Configuration;

/// <summary>
/// Which game to play, and its options. Which game takes which option, and their ranges and defaults, come from
/// <c>MuZero.Environments.EnvironmentRegistry</c>; an option the game does not take is an error. Options left out
/// are filled in with the game's defaults when the config is loaded, so a run's resolved config names them all.
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>Registry name of the game (see <c>MuZero.Environments.EnvironmentRegistry</c>).</summary>
    public string Name { get; init; } = "cartpole";

    /// <summary>Side of the square board (gomoku: 5..19, default 9); absent for games without this option.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BoardSize { get; init; }

    /// <summary>Stones in a row that win (gomoku: 3..board_size, default 5); absent for games without this option.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? WinLength { get; init; }

    /// <summary>Chance in [0, 1] that a step repeats the previous action (MinAtar games, default 0.1; 0 disables); absent for other games.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StickyActionProbability { get; init; }

    /// <summary>Only the game's minimal action set instead of all six actions (MinAtar games, default false); absent for other games.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? MinimalActionSet { get; init; }

    /// <summary>Difficulty ramping (MinAtar Asterix, Seaquest and Space Invaders, default true); absent for other games.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Ramping { get; init; }

    /// <summary>The options as the environment registry takes them.</summary>
    [JsonIgnore]
    public EnvironmentOptions Options => new()
    {
        BoardSize = BoardSize, WinLength = WinLength, StickyActionProbability = StickyActionProbability, MinimalActionSet = MinimalActionSet, Ramping = Ramping,
    };

    /// <summary>This config with <paramref name="options"/> (e.g. the resolved ones) in place of its own.</summary>
    public EnvironmentConfig WithOptions(EnvironmentOptions options) => this with
    {
        BoardSize = options.BoardSize, WinLength = options.WinLength, StickyActionProbability = options.StickyActionProbability,
        MinimalActionSet = options.MinimalActionSet, Ramping = options.Ramping,
    };

    /// <summary>A new, reset environment of this config (the registry's construction).</summary>
    public IEnvironment Create() => EnvironmentRegistry.Create(Name, Options);

    /// <summary>The spec of this config's environment.</summary>
    public EnvironmentSpec Spec() => EnvironmentRegistry.GetSpec(Name, Options);
}
