using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A finished evaluation match as <c>muzero evaluate</c> reports it in JSON: what played (checkpoint, opponent, settings),
/// the counts overall and by the agent's seat, and the statistics of <see cref="MatchStatistics"/>. Elo values that are
/// infinite (a score or interval end of 0 or 1) are written as null: <c>elo_high</c> null means unbounded above,
/// <c>elo_low</c> null unbounded below, and <c>elo</c> is null exactly when <c>score</c> is 0 (−∞) or 1 (+∞).
/// </summary>
public sealed record MatchReport
{
    /// <summary>The agent's checkpoint file.</summary>
    [JsonPropertyName("checkpoint")] public required string Checkpoint { get; init; }

    /// <summary>The learner update at which the checkpoint was written.</summary>
    [JsonPropertyName("training_step")] public required long TrainingStep { get; init; }

    /// <summary>The game.</summary>
    [JsonPropertyName("environment")] public required string Environment { get; init; }

    /// <summary>The opponent's spec.</summary>
    [JsonPropertyName("opponent")] public required string Opponent { get; init; }

    /// <summary>The agent's simulations per move.</summary>
    [JsonPropertyName("simulations")] public required int Simulations { get; init; }

    /// <summary>The agent's search policy (<c>search.policy</c>: the checkpoint's, or what <c>evaluate --search</c> made it); null where not recorded.</summary>
    [JsonPropertyName("search_policy")] public string? SearchPolicy { get; init; }

    /// <summary>A checkpoint opponent's simulations per move; null for a reference opponent.</summary>
    [JsonPropertyName("opponent_simulations")] public required int? OpponentSimulations { get; init; }

    /// <summary>Seed of the games (game g is reset with seed + g) and of the opponent's random choices.</summary>
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }

    /// <summary>Games played.</summary>
    [JsonPropertyName("games")] public int Games => AsFirst.Games + AsSecond.Games;

    /// <summary>Games won by the agent.</summary>
    [JsonPropertyName("wins")] public int Wins => AsFirst.Wins + AsSecond.Wins;

    /// <summary>Games drawn.</summary>
    [JsonPropertyName("draws")] public int Draws => AsFirst.Draws + AsSecond.Draws;

    /// <summary>Games lost by the agent.</summary>
    [JsonPropertyName("losses")] public int Losses => AsFirst.Losses + AsSecond.Losses;

    /// <summary>The games in which the agent moved first (the even-numbered ones).</summary>
    [JsonPropertyName("as_first")] public required WinDrawLoss AsFirst { get; init; }

    /// <summary>The games in which the agent moved second.</summary>
    [JsonPropertyName("as_second")] public required WinDrawLoss AsSecond { get; init; }

    /// <summary>Games lost as first player (kept from the earlier report format).</summary>
    [JsonPropertyName("losses_as_first")] public int LossesAsFirst => AsFirst.Losses;

    /// <summary>Games lost as second player (kept from the earlier report format).</summary>
    [JsonPropertyName("losses_as_second")] public int LossesAsSecond => AsSecond.Losses;

    /// <summary>Fraction of games won (kept from the earlier report format).</summary>
    [JsonPropertyName("win_rate")] public double WinRate => (double)Wins / Games;

    /// <summary>Mean score per game: (wins + draws / 2) / games.</summary>
    [JsonPropertyName("score")] public required double Score { get; init; }

    /// <summary>Lower end of the score's confidence interval.</summary>
    [JsonPropertyName("score_low")] public required double ScoreLow { get; init; }

    /// <summary>Upper end of the score's confidence interval.</summary>
    [JsonPropertyName("score_high")] public required double ScoreHigh { get; init; }

    /// <summary>The intervals' confidence level.</summary>
    [JsonPropertyName("confidence")] public required double Confidence { get; init; }

    /// <summary>How the score interval is computed.</summary>
    [JsonPropertyName("interval_method")] public string IntervalMethod => MatchStatistics.IntervalMethod;

    /// <summary>The Elo difference the score implies (agent minus opponent); null when infinite.</summary>
    [JsonPropertyName("elo")] public required double? Elo { get; init; }

    /// <summary>The Elo difference at the score interval's lower end; null when unbounded below.</summary>
    [JsonPropertyName("elo_low")] public required double? EloLow { get; init; }

    /// <summary>The Elo difference at the score interval's upper end; null when unbounded above.</summary>
    [JsonPropertyName("elo_high")] public required double? EloHigh { get; init; }

    /// <summary>Wall-clock seconds the match took.</summary>
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }

    /// <summary>The report of <paramref name="result"/> with its statistics.</summary>
    public static MatchReport Create(TwoPlayerResult result, string checkpoint, long trainingStep, string environment, int simulations,
        int? opponentSimulations, ulong seed, double seconds)
    {
        var statistics = MatchStatistics.From(result.Total);
        return new MatchReport
        {
            Checkpoint = checkpoint, TrainingStep = trainingStep, Environment = environment, Opponent = result.Opponent,
            Simulations = simulations, OpponentSimulations = opponentSimulations, Seed = seed,
            AsFirst = result.AsFirst, AsSecond = result.AsSecond,
            Score = statistics.Score, ScoreLow = statistics.ScoreInterval.Low, ScoreHigh = statistics.ScoreInterval.High,
            Confidence = statistics.Confidence,
            Elo = Finite(statistics.Elo), EloLow = Finite(statistics.EloLow), EloHigh = Finite(statistics.EloHigh),
            Seconds = seconds,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
