using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>
/// One side of a two-player match that chooses moves in many games at once: a search agent searches all its
/// positions in one batch, a reference opponent (<see cref="OpponentPlayer"/>) moves game by game.
/// </summary>
public interface IPlayer
{
    /// <summary>Chooses a legal move for the player to move in each of <paramref name="environments"/> (none over) into <paramref name="actions"/>, without changing them.</summary>
    void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions);
}
