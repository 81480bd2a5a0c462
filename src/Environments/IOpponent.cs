namespace MuZero.Environments;

/// <summary>A fixed policy to evaluate agents against.</summary>
public interface IOpponent
{
    /// <summary>Short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>Chooses a legal action for the player to move in <paramref name="environment"/>, without changing it.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, so there is nothing to choose.</exception>
    int SelectAction(IEnvironment environment);
}
