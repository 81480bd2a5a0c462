using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>Greedy evaluation of a single-player agent over whole episodes.</summary>
public sealed record SinglePlayerResult(
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("mean_return")] double MeanReturn,
    [property: JsonPropertyName("std_return")] double StdReturn,
    [property: JsonPropertyName("min_return")] double MinReturn,
    [property: JsonPropertyName("max_return")] double MaxReturn);

/// <summary>Games of a two-player agent against an opponent, from the agent's side.</summary>
public sealed record TwoPlayerResult(
    [property: JsonPropertyName("games")] int Games,
    [property: JsonPropertyName("wins")] int Wins,
    [property: JsonPropertyName("draws")] int Draws,
    [property: JsonPropertyName("losses")] int Losses,
    [property: JsonPropertyName("opponent")] string Opponent,
    [property: JsonPropertyName("losses_as_first")] int LossesAsFirst,
    [property: JsonPropertyName("losses_as_second")] int LossesAsSecond)
{
    /// <summary>Fraction of games won.</summary>
    [JsonPropertyName("win_rate")]
    public double WinRate => Games == 0 ? 0 : (double)Wins / Games;
}
