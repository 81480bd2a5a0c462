using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>Wins, draws and losses of a series of two-player games, counted from one side.</summary>
public readonly record struct WinDrawLoss(
    [property: JsonPropertyName("wins")] int Wins,
    [property: JsonPropertyName("draws")] int Draws,
    [property: JsonPropertyName("losses")] int Losses)
{
    /// <summary>Games played: wins + draws + losses.</summary>
    [JsonPropertyName("games")]
    public int Games => Wins + Draws + Losses;

    /// <summary>The mean score per game, (wins + draws / 2) / games, with a win scoring 1, a draw 1/2 and a loss 0; NaN without games.</summary>
    [JsonIgnore]
    public double Score => Games == 0 ? double.NaN : (Wins + 0.5 * Draws) / Games;

    /// <summary>These counts seen from the other side: wins and losses swapped.</summary>
    public WinDrawLoss Reversed() => new(Losses, Draws, Wins);

    /// <summary>The counts of both series together.</summary>
    public static WinDrawLoss operator +(WinDrawLoss a, WinDrawLoss b) => new(a.Wins + b.Wins, a.Draws + b.Draws, a.Losses + b.Losses);
}
