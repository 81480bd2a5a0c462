using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// Greedy evaluation of a single-player agent over whole episodes: the returns' mean with its standard error and their
/// median, as the MinAtar paper reports them, their sample standard deviation (N - 1), extremes, and how many episodes a
/// step cap cut short (their returns so far are counted).
/// </summary>
public sealed record SinglePlayerResult(
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("mean_return")] double MeanReturn,
    [property: JsonPropertyName("std_return")] double StdReturn,
    [property: JsonPropertyName("min_return")] double MinReturn,
    [property: JsonPropertyName("max_return")] double MaxReturn,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("median_return")] double MedianReturn,
    [property: JsonPropertyName("truncated_episodes")] int TruncatedEpisodes)
{
    /// <summary>The result of episodes with <paramref name="returns"/>, <paramref name="truncated"/> of them cut by a step cap.</summary>
    public static SinglePlayerResult From(IReadOnlyList<double> returns, int truncated)
    {
        var s = ReturnStatistics.From(returns);
        return new SinglePlayerResult(s.Episodes, s.Mean, s.StandardDeviation, s.Min, s.Max, s.StandardError, s.Median, truncated);
    }
}

/// <summary>
/// Games of a two-player agent against an opponent, from the agent's side, split by the agent's seat: first
/// player (moving first) or second.
/// </summary>
public sealed record TwoPlayerResult(
    [property: JsonPropertyName("opponent")] string Opponent,
    [property: JsonPropertyName("as_first")] WinDrawLoss AsFirst,
    [property: JsonPropertyName("as_second")] WinDrawLoss AsSecond)
{
    /// <summary>All games together.</summary>
    [JsonIgnore]
    public WinDrawLoss Total => AsFirst + AsSecond;

    /// <summary>Games played.</summary>
    [JsonPropertyName("games")]
    public int Games => Total.Games;

    /// <summary>Games won.</summary>
    [JsonPropertyName("wins")]
    public int Wins => Total.Wins;

    /// <summary>Games drawn.</summary>
    [JsonPropertyName("draws")]
    public int Draws => Total.Draws;

    /// <summary>Games lost.</summary>
    [JsonPropertyName("losses")]
    public int Losses => Total.Losses;

    /// <summary>Games lost as first player.</summary>
    [JsonPropertyName("losses_as_first")]
    public int LossesAsFirst => AsFirst.Losses;

    /// <summary>Games lost as second player.</summary>
    [JsonPropertyName("losses_as_second")]
    public int LossesAsSecond => AsSecond.Losses;

    /// <summary>Fraction of games won.</summary>
    [JsonPropertyName("win_rate")]
    public double WinRate => Games == 0 ? 0 : (double)Wins / Games;
}
