using System.Text.Json.Serialization;
using MuZero.Environments;
using MuZero.Training.Statistics;

namespace MuZero.Training.Evaluation;

/// <summary>
/// An agent's moves on one Connect Four test set, checked with the solver: how many positions, how many mistakes (a move
/// whose outcome class, win / draw / loss, is worse than the best legal move's), the mistake rate with its 95% Wilson
/// interval, and the published rates of reference players on the same set where there are some.
/// </summary>
public sealed record PositionSetResult
{
    /// <summary>The file name (e.g. <c>Test_L3_R1</c>).</summary>
    [JsonPropertyName("set")] public required string Set { get; init; }

    /// <summary>The path the file was read from.</summary>
    [JsonPropertyName("path")] public required string Path { get; init; }

    /// <summary>Positions the agent moved in.</summary>
    [JsonPropertyName("positions")] public required int Positions { get; init; }

    /// <summary>Positions where its move's outcome class was worse than the best move's.</summary>
    [JsonPropertyName("mistakes")] public int Mistakes => MistakeList.Count;

    /// <summary>Mistakes / positions.</summary>
    [JsonPropertyName("mistake_rate")] public double MistakeRate => (double)Mistakes / Positions;

    /// <summary>Lower end of the rate's 95% Wilson interval.</summary>
    [JsonPropertyName("mistake_rate_low")] public double MistakeRateLow => Interval.Low;

    /// <summary>Upper end of the rate's 95% Wilson interval.</summary>
    [JsonPropertyName("mistake_rate_high")] public double MistakeRateHigh => Interval.High;

    /// <summary>The published mistake rate of a depth-5 minimax on this set, in percent; null for another file.</summary>
    [JsonPropertyName("published_minimax_depth5_percent")] public double? PublishedMinimaxPercent => ConnectFourPublishedMistakeRates.Find(Set)?.MinimaxDepth5Percent;

    /// <summary>The published mistake rate of AlphaZero.jl's agent on this set, in percent; null for another file.</summary>
    [JsonPropertyName("published_alphazero_jl_percent")] public double? PublishedAlphaZeroPercent => ConnectFourPublishedMistakeRates.Find(Set)?.AlphaZeroJlPercent;

    /// <summary>Wall-clock seconds: the agent's searches and the solver's checks.</summary>
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }

    /// <summary>Each mistake, in file order.</summary>
    [JsonPropertyName("mistake_list")] public required IReadOnlyList<PositionMistake> MistakeList { get; init; }

    /// <summary>The 95% Wilson interval of the mistake rate.</summary>
    [JsonIgnore] public ConfidenceInterval Interval => WilsonInterval.Of(Mistakes, Positions);
}
