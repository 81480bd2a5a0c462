using System.Text.Json.Serialization;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A finished round robin as <c>muzero tournament --json</c> writes it: the settings, every player's rating with its
/// interval and its games, and every pair's match split by seat.
/// </summary>
public sealed record TournamentReport
{
    /// <summary>The game.</summary>
    [JsonPropertyName("environment")] public required string Environment { get; init; }

    /// <summary>Games each pair played.</summary>
    [JsonPropertyName("games_per_pair")] public required int GamesPerPair { get; init; }

    /// <summary>Random moves at the start of every game (each opening played twice, seats swapped).</summary>
    [JsonPropertyName("opening_plies")] public required int OpeningPlies { get; init; }

    /// <summary>Seed of the resets, the openings and the reference opponents.</summary>
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }

    /// <summary>What rating 0 means: <c>mean</c> or a player's name.</summary>
    [JsonPropertyName("anchor")] public required string Anchor { get; init; }

    /// <summary>Virtual draws added to every pair for the fit (0: plain maximum likelihood).</summary>
    [JsonPropertyName("prior_draws")] public required int PriorDraws { get; init; }

    /// <summary>Why a prior was used without being asked for (ratings would be infinite without); null otherwise.</summary>
    [JsonPropertyName("prior_reason")] public required string? PriorReason { get; init; }

    /// <summary>The intervals' confidence level.</summary>
    [JsonPropertyName("confidence")] public required double Confidence { get; init; }

    /// <summary>How the ratings and intervals are computed.</summary>
    [JsonPropertyName("method")] public string Method => EloRatingFit.Method;

    /// <summary>The players, in the order given.</summary>
    [JsonPropertyName("players")] public required IReadOnlyList<Player> Players { get; init; }

    /// <summary>Every pair's match.</summary>
    [JsonPropertyName("pairs")] public required IReadOnlyList<Pair> Pairs { get; init; }

    /// <summary>Wall-clock seconds of the games.</summary>
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }

    /// <summary>A player's line: who it is, its rating and its games.</summary>
    public sealed record Player(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("spec")] string Spec,
        [property: JsonPropertyName("checkpoint")] string? Checkpoint,
        [property: JsonPropertyName("training_step")] long? TrainingStep,
        [property: JsonPropertyName("simulations")] int? Simulations,
        [property: JsonPropertyName("elo")] double Elo,
        [property: JsonPropertyName("elo_low")] double EloLow,
        [property: JsonPropertyName("elo_high")] double EloHigh,
        [property: JsonPropertyName("elo_se")] double EloStandardError,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("wins")] int Wins,
        [property: JsonPropertyName("draws")] int Draws,
        [property: JsonPropertyName("losses")] int Losses,
        [property: JsonPropertyName("games")] int Games);

    /// <summary>One pair's match, from the side of <see cref="Player"/>, which moved first in the even-numbered games.</summary>
    public sealed record Pair(
        [property: JsonPropertyName("player")] string Player,
        [property: JsonPropertyName("opponent")] string Opponent,
        [property: JsonPropertyName("wins")] int Wins,
        [property: JsonPropertyName("draws")] int Draws,
        [property: JsonPropertyName("losses")] int Losses,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("as_first")] WinDrawLoss AsFirst,
        [property: JsonPropertyName("as_second")] WinDrawLoss AsSecond);

    /// <summary>The report of a round robin between <paramref name="entrants"/> and its <paramref name="ratings"/>.</summary>
    public static TournamentReport Create(string environment, IReadOnlyList<TournamentEntrant> entrants, RoundRobinResult games, EloRatings ratings,
        int gamesPerPair, int openingPlies, ulong seed, string? priorReason, double seconds)
    {
        var players = entrants.Select((e, i) =>
        {
            var r = ratings.Players[i];
            return new Player(e.Name, e.Spec, e.Checkpoint, e.TrainingStep, e.Simulations, r.Elo, r.Low, r.High, r.StandardError, r.Score,
                r.Counts.Wins, r.Counts.Draws, r.Counts.Losses, r.Games);
        }).ToArray();
        var pairs = games.Matches.Select(m => new Pair(entrants[m.Player].Name, entrants[m.Opponent].Name, m.Total.Wins, m.Total.Draws, m.Total.Losses,
            m.Total.Score, m.AsFirst, m.AsSecond)).ToArray();
        return new TournamentReport
        {
            Environment = environment, GamesPerPair = gamesPerPair, OpeningPlies = openingPlies, Seed = seed, Anchor = ratings.Anchor.ToString(),
            PriorDraws = ratings.PriorDraws, PriorReason = priorReason, Confidence = ScoreInterval.Confidence95, Players = players, Pairs = pairs,
            Seconds = seconds,
        };
    }
}
