namespace MuZero.Environments;

/// <summary>
/// Plays tic-tac-toe perfectly: uniformly at random among all moves that keep the position's
/// minimax value (see <see cref="TicTacToeSolver"/>). It never loses, and the randomness makes it
/// a less exploitable benchmark than a fixed move order.
/// </summary>
public sealed class PerfectTicTacToePlayer(ulong seed) : IOpponent
{
    private SplitMix64 _random = new(seed);

    /// <inheritdoc />
    public string Name => "perfect";

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="environment"/> is not a <see cref="TicTacToe"/>.</exception>
    public int SelectAction(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment is not TicTacToe game)
            throw new ArgumentException($"The perfect player only plays tic-tac-toe, not '{environment.Spec.Name}'.", nameof(environment));
        Span<int> moves = stackalloc int[TicTacToe.CellCount];
        int count = TicTacToeSolver.OptimalMoves(game, moves);
        if (count == 0) throw new InvalidOperationException("No legal move: the tic-tac-toe game is over.");
        return moves[_random.NextInt(count)];
    }
}
