namespace MuZero.Environments;

/// <summary>
/// Depth-limited negamax with alpha-beta pruning over any <see cref="IBoardGame"/>: positions <see cref="Depth"/> plies
/// ahead are scored by the game's <see cref="IBoardGame.Heuristic"/>, decided positions by who won (a faster win
/// scores higher, a slower loss less low). The moves searched at each node are the game's
/// <see cref="IBoardGame.WriteSearchMoves"/>, in its order. Among the root moves with the best score it picks uniformly
/// at random from its seeded generator, so equally good moves vary from game to game.
/// </summary>
/// <remarks>
/// One position object per ply and one move buffer per ply are kept between moves (made again only when the game or
/// board size changes), so searching allocates nothing.
/// </remarks>
public sealed class AlphaBetaOpponent : IOpponent
{
    /// <summary>Deepest search the registry accepts (<c>alphabeta:16</c>).</summary>
    public const int MaxDepth = 16;

    // Decided positions score WinScore - ply: above any heuristic value, and sooner wins higher.
    private const int WinScore = 1_000_000_000;
    private const int Infinity = WinScore + 1;

    private SplitMix64 _random;
    private IBoardGame[] _positions = []; // [Depth + 1]: the root, then the position after each ply of the current line
    private int[][] _moves = [];          // [Depth][ActionCount]: the moves of the node at each ply
    private int[] _best = [];             // [ActionCount]: the root moves tied for the best score
    private readonly int[] _killers;      // [Depth + 1]: per ply, the last move that cut the search off there, tried first

    /// <summary>Creates a player searching <paramref name="depth"/> plies (1..<see cref="MaxDepth"/>), breaking ties with <paramref name="seed"/>.</summary>
    public AlphaBetaOpponent(int depth, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        Depth = depth;
        _random = new SplitMix64(seed);
        _killers = new int[depth + 1];
    }

    /// <summary>Plies searched ahead.</summary>
    public int Depth { get; }

    /// <summary>Positions visited by the searches so far (each position stepped into counts once).</summary>
    public long Nodes { get; private set; }

    /// <inheritdoc />
    public string Name => $"alphabeta:{Depth}";

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="environment"/> is not a board game.</exception>
    public int SelectAction(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment is not IBoardGame game)
            throw new ArgumentException($"alphabeta plays board games only, not '{environment.Spec.Name}'.", nameof(environment));
        if (game.IsOver) throw new InvalidOperationException($"No legal move: the {game.Spec.Name} game is over.");
        Prepare(game);

        var root = _positions[0];
        root.CopyFrom(game);
        Array.Fill(_killers, -1);
        int count = root.WriteSearchMoves(_moves[0]);
        if (count == 0) throw new InvalidOperationException($"No move to search in the {game.Spec.Name} position {game.Diagram}.");
        int best = -Infinity, tied = 0;
        for (int i = 0; i < count; i++)
        {
            int move = _moves[0][i];
            // A window just below the best score so far: a move that cannot reach it fails low cheaply, while one that
            // reaches or beats it comes back exact, so ties are recognised as ties.
            int value = ValueOfMove(0, move, Depth - 1, best == -Infinity ? -Infinity : best - 1, Infinity);
            if (value > best)
            {
                best = value;
                tied = 0;
            }
            if (value == best) _best[tied++] = move;
        }
        return _best[_random.NextInt(tied)];
    }

    /// <summary>The score, for the player to move at <paramref name="ply"/>, of playing <paramref name="move"/> there and searching <paramref name="depth"/> plies below.</summary>
    private int ValueOfMove(int ply, int move, int depth, int alpha, int beta)
    {
        var child = _positions[ply + 1];
        child.CopyFrom(_positions[ply]);
        var result = child.Step(move);
        Nodes++;
        if (result.Done) return result.Reward > 0 ? WinScore - (ply + 1) : result.Reward < 0 ? -(WinScore - (ply + 1)) : 0;
        return -Negamax(ply + 1, depth, -beta, -alpha);
    }

    /// <summary>Fail-soft negamax: the score of the position at <paramref name="ply"/> for its player to move, exact when inside (alpha, beta).</summary>
    private int Negamax(int ply, int depth, int alpha, int beta)
    {
        var position = _positions[ply];
        if (depth == 0) return position.Heuristic();
        var moves = _moves[ply];
        int count = position.WriteSearchMoves(moves);
        if (count == 0) return position.Heuristic();
        PromoteKiller(moves.AsSpan(0, count), _killers[ply]);
        int best = -Infinity;
        for (int i = 0; i < count; i++)
        {
            int value = ValueOfMove(ply, moves[i], depth - 1, alpha, beta);
            if (value <= best) continue;
            best = value;
            if (value > alpha) alpha = value;
            if (alpha >= beta)
            {
                _killers[ply] = moves[i];
                break;
            }
        }
        return best;
    }

    /// <summary>
    /// Moves <paramref name="killer"/>, if present, to the front (the rest keep their order): a move that refuted one
    /// line at this ply often refutes its siblings too (the killer heuristic). Order changes speed, never the result.
    /// </summary>
    private static void PromoteKiller(Span<int> moves, int killer)
    {
        int index = moves.IndexOf(killer);
        if (index <= 0) return;
        moves[..index].CopyTo(moves[1..]);
        moves[0] = killer;
    }

    private void Prepare(IBoardGame game)
    {
        // Specs are shared by every game of one kind and size, so the same spec object means CopyFrom will accept it.
        if (_positions.Length > 0 && ReferenceEquals(_positions[0].Spec, game.Spec)) return;
        int actions = game.Spec.ActionCount;
        _positions = new IBoardGame[Depth + 1];
        for (int ply = 0; ply <= Depth; ply++) _positions[ply] = game.Clone();
        _moves = new int[Depth][];
        for (int ply = 0; ply < Depth; ply++) _moves[ply] = new int[actions];
        _best = new int[actions];
    }
}
