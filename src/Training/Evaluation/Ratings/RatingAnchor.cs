namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// What fixes the zero of a rating scale: a fit of pairwise results determines only rating differences, so either the
/// mean rating is set to 0 (<see cref="Mean"/>) or one named player's rating is (<see cref="Player"/>). The anchor moves
/// every rating by the same amount and changes each interval: an anchored player has rating 0 with no uncertainty, and
/// every other player's interval is then that of its difference to the anchor.
/// </summary>
public sealed record RatingAnchor
{
    /// <summary>The word that selects <see cref="Mean"/> where an anchor is written as text.</summary>
    public const string MeanName = "mean";

    private RatingAnchor(string? player) => PlayerName = player;

    /// <summary>The mean rating of all players is 0.</summary>
    public static RatingAnchor Mean { get; } = new((string?)null);

    /// <summary>The player named <paramref name="name"/> has rating 0.</summary>
    public static RatingAnchor Player(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new RatingAnchor(name);
    }

    /// <summary>An anchor as written: <c>mean</c>, or a player's name.</summary>
    public static RatingAnchor Parse(string text) => text == MeanName ? Mean : Player(text);

    /// <summary>The anchored player's name; null for the mean.</summary>
    public string? PlayerName { get; }

    /// <summary>"mean" or the player's name.</summary>
    public override string ToString() => PlayerName ?? MeanName;
}
