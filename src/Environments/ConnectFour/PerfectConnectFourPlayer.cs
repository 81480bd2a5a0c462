namespace MuZero.Environments;

/// <summary>
/// Plays Connect Four perfectly: uniformly at random (seeded) among the legal moves of the best outcome class for the
/// player to move (win, else draw, else loss), the classes coming from <see cref="ConnectFourSolver"/> in weak mode and,
/// in the opening, from <see cref="ConnectFourOpeningTable"/>. It never turns a won position into a draw or loss, nor a
/// drawn one into a loss; among equally good moves it does not prefer the fastest win, and the randomness makes it a
/// less exploitable benchmark than a fixed move order.
/// </summary>
/// <remarks>
/// Cost (measured on 2 busy cores): solving every move from scratch would take tens of minutes for the first move (seven
/// one-stone positions) and minutes for the second and third (each two-stone position took 3 s to 6 min, each
/// three-stone one 0.2 s to 7 min), so the moves from positions with fewer stones than the shipped opening table's depth
/// (3: the first three moves of a game) are lookups. From three stones on it solves: about 100 s for the fourth move,
/// 13 s for the sixth, a few seconds or less after that. The solver's transposition table (64 MiB by default) is kept
/// across the moves and games of one player, since the positions of a game share most of their subtrees: a move right
/// after one of its own searches often takes no time at all. Not thread-safe: one instance per thread.
/// </remarks>
public sealed class PerfectConnectFourPlayer : IOpponent
{
    private readonly ConnectFourSolver _solver;
    private readonly ConnectFourOpeningTable? _openings;
    private SplitMix64 _random;

    /// <summary>A player with the shipped opening table and a solver table of the default size.</summary>
    public PerfectConnectFourPlayer(ulong seed)
        : this(seed, ConnectFourOpeningTable.Default, ConnectFourSolver.DefaultTableSizeLog2)
    {
    }

    /// <summary>
    /// A player that looks up <paramref name="openings"/> (null: solve every move) and otherwise solves with a main table
    /// of 2^<paramref name="solverTableSizeLog2"/> slots.
    /// </summary>
    public PerfectConnectFourPlayer(ulong seed, ConnectFourOpeningTable? openings, int solverTableSizeLog2)
    {
        _random = new SplitMix64(seed);
        _openings = openings;
        _solver = new ConnectFourSolver(solverTableSizeLog2);
    }

    /// <inheritdoc />
    public string Name => "perfect";

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="environment"/> is not a <see cref="ConnectFour"/>.</exception>
    public int SelectAction(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment is not ConnectFour game)
            throw new ArgumentException($"This perfect player only plays Connect Four, not '{environment.Spec.Name}'.", nameof(environment));
        if (game.IsOver) throw new InvalidOperationException("No legal move: the Connect Four game is over.");

        Span<int> outcomes = stackalloc int[ConnectFourPosition.Width];
        ScoreMoves(ConnectFourPosition.FromGame(game), outcomes);
        int best = int.MinValue, count = 0;
        foreach (int outcome in outcomes) best = Math.Max(best, outcome);
        foreach (int outcome in outcomes) count += outcome == best ? 1 : 0;
        int chosen = _random.NextInt(count);
        for (int column = 0; column < outcomes.Length; column++)
        {
            if (outcomes[column] == best && chosen-- == 0) return column;
        }
        throw new InvalidOperationException("Unreachable: no move of the best class.");
    }

    /// <summary>
    /// Writes into <paramref name="outcomes"/> (room for 7) the outcome for the player to move of playing each column
    /// 0..6 and continuing with best play: +1 win, 0 draw, -1 loss, or <see cref="ConnectFourSolver.NotPlayable"/> for a
    /// full column (as <see cref="ConnectFourSolver.ScoreMoves(ConnectFourPosition, Span{int}, ConnectFourSolveMode)"/>
    /// in weak mode gives them, with the opening table's outcomes where it has them).
    /// </summary>
    /// <exception cref="ArgumentException">The game is over, or <paramref name="outcomes"/> is too short.</exception>
    public void ScoreMoves(ConnectFourPosition position, Span<int> outcomes)
    {
        if (outcomes.Length < ConnectFourPosition.Width) throw new ArgumentException($"Need room for {ConnectFourPosition.Width} outcomes, got {outcomes.Length}.", nameof(outcomes));
        if (_openings is null || position.MovesPlayed >= _openings.Depth)
        {
            _solver.ScoreMoves(position, outcomes, ConnectFourSolveMode.Weak);
            return;
        }
        if (position.IsOver) throw new ArgumentException("The Connect Four game is over; no move can be played.", nameof(position));
        for (int column = 0; column < ConnectFourPosition.Width; column++)
        {
            if (!position.CanPlay(column)) outcomes[column] = ConnectFourSolver.NotPlayable;
            else if (position.IsWinningMove(column)) outcomes[column] = 1;
            else if (_openings.TryGetOutcome(position.Play(column), out int outcome)) outcomes[column] = -outcome;
            else outcomes[column] = -_solver.Solve(position.Play(column), ConnectFourSolveMode.Weak);
        }
    }
}
