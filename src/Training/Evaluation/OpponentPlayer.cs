using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>A reference <see cref="IOpponent"/> as a match player: one move per game, in the order given.</summary>
public sealed class OpponentPlayer(IOpponent opponent) : IPlayer
{
    /// <summary>The wrapped opponent.</summary>
    public IOpponent Opponent { get; } = opponent ?? throw new ArgumentNullException(nameof(opponent));

    /// <inheritdoc />
    public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions)
    {
        for (int i = 0; i < environments.Count; i++) actions[i] = Opponent.SelectAction(environments[i]);
    }
}
