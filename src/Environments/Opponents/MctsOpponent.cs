namespace MuZero.Environments;

/// <summary>
/// Plain UCT (Kocsis and Szepesvári, 2006) over any <see cref="IBoardGame"/>: every playout descends the tree by UCB1,
/// <c>wins/visits + c * sqrt(ln(parent visits) / visits)</c> with c = sqrt(2) and a win worth 1, a draw 1/2 and a loss
/// 0 for the player who made the move into the node; adds one node (a legal move not yet tried there, chosen uniformly
/// at random); then plays uniformly random legal moves to the end of the game and backs the result up the path.
/// The move played is the root's most visited one, ties broken at random. No prior knowledge, no tree reuse.
/// </summary>
/// <remarks>
/// The tree lives in flat arrays of <see cref="Playouts"/> + 1 nodes (each playout adds at most one), children as
/// linked lists, made once per opponent: searching allocates nothing.
/// </remarks>
public sealed class MctsOpponent : IOpponent
{
    /// <summary>Most playouts per move the registry accepts (<c>mcts:1000000</c>).</summary>
    public const int MaxPlayouts = 1_000_000;

    /// <summary>The UCB1 exploration constant c = sqrt(2), for results in [0, 1].</summary>
    public static readonly double Exploration = Math.Sqrt(2);

    private SplitMix64 _random;

    // Node n: the move that led to it, the player who made that move, the tree links, and its statistics.
    private readonly int[] _action;
    private readonly byte[] _mover;
    private readonly int[] _parent;
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly int[] _childCount;
    private readonly int[] _legalCount;
    private readonly int[] _visits;
    private readonly double[] _wins;

    private IBoardGame? _scratch; // the position along the current playout
    private bool[] _tried = [];   // [ActionCount]: moves that already have a child at the node being expanded
    private int[] _moves = [];    // [ActionCount]: the rollout's candidate moves

    /// <summary>Creates a player running <paramref name="playouts"/> (1..<see cref="MaxPlayouts"/>) playouts per move from <paramref name="seed"/>.</summary>
    public MctsOpponent(int playouts, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(playouts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(playouts, MaxPlayouts);
        Playouts = playouts;
        _random = new SplitMix64(seed);
        int capacity = playouts + 1;
        _action = new int[capacity];
        _mover = new byte[capacity];
        _parent = new int[capacity];
        _firstChild = new int[capacity];
        _nextSibling = new int[capacity];
        _childCount = new int[capacity];
        _legalCount = new int[capacity];
        _visits = new int[capacity];
        _wins = new double[capacity];
    }

    /// <summary>Playouts per move.</summary>
    public int Playouts { get; }

    /// <inheritdoc />
    public string Name => $"mcts:{Playouts}";

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="environment"/> is not a board game.</exception>
    public int SelectAction(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment is not IBoardGame game)
            throw new ArgumentException($"mcts plays board games only, not '{environment.Spec.Name}'.", nameof(environment));
        if (game.IsOver) throw new InvalidOperationException($"No legal move: the {game.Spec.Name} game is over.");
        Prepare(game);
        var scratch = _scratch!;

        int nodes = 1;
        InitNode(0, parent: -1, action: -1, mover: 1 - game.ToPlay, legalCount: CountLegal(game));
        if (_legalCount[0] == 1) return OnlyMove(game);

        for (int playout = 0; playout < Playouts; playout++)
        {
            scratch.CopyFrom(game);
            int node = 0;
            while (!scratch.IsOver)
            {
                if (_childCount[node] < _legalCount[node])
                {
                    node = Expand(node, nodes++, scratch);
                    break;
                }
                node = SelectChild(node);
                scratch.Step(_action[node]);
            }
            int winner = scratch.IsOver ? scratch.Winner ?? -1 : Rollout(scratch);
            for (int n = node; n >= 0; n = _parent[n])
            {
                _visits[n]++;
                _wins[n] += winner < 0 ? 0.5 : winner == _mover[n] ? 1.0 : 0.0;
            }
        }
        return MostVisitedChild();
    }

    private void InitNode(int node, int parent, int action, int mover, int legalCount)
    {
        _parent[node] = parent;
        _action[node] = action;
        _mover[node] = (byte)mover;
        _firstChild[node] = -1;
        _nextSibling[node] = -1;
        _childCount[node] = 0;
        _legalCount[node] = legalCount;
        _visits[node] = 0;
        _wins[node] = 0;
    }

    /// <summary>Adds child <paramref name="child"/> of <paramref name="node"/> for a random untried move, plays it on <paramref name="scratch"/> and returns the child.</summary>
    private int Expand(int node, int child, IBoardGame scratch)
    {
        Array.Clear(_tried);
        for (int c = _firstChild[node]; c >= 0; c = _nextSibling[c]) _tried[_action[c]] = true;
        int pick = _random.NextInt(_legalCount[node] - _childCount[node]);
        int action = -1;
        for (int a = 0; a < _tried.Length; a++)
        {
            if (_tried[a] || !scratch.IsLegal(a)) continue;
            if (pick-- == 0)
            {
                action = a;
                break;
            }
        }
        InitNode(child, node, action, scratch.ToPlay, legalCount: 0);
        _nextSibling[child] = _firstChild[node];
        _firstChild[node] = child;
        _childCount[node]++;
        scratch.Step(action);
        _legalCount[child] = CountLegal(scratch);
        return child;
    }

    private int SelectChild(int node)
    {
        double logVisits = Math.Log(_visits[node]);
        int best = -1;
        double bestScore = double.NegativeInfinity;
        // Every child has been visited: it was backed up right after it was added.
        for (int c = _firstChild[node]; c >= 0; c = _nextSibling[c])
        {
            double visits = _visits[c];
            double score = _wins[c] / visits + Exploration * Math.Sqrt(logVisits / visits);
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /// <summary>Plays uniformly random legal moves on <paramref name="scratch"/> until the game ends; returns the winner or -1 for a draw.</summary>
    private int Rollout(IBoardGame scratch)
    {
        int count = 0;
        for (int a = 0; a < _moves.Length; a++)
        {
            if (scratch.IsLegal(a)) _moves[count++] = a;
        }
        // The candidates stay a superset of the legal moves (moves only ever become illegal), so drawing among them
        // and dropping the ones found illegal draws uniformly among the legal moves.
        while (!scratch.IsOver)
        {
            int i = _random.NextInt(count);
            int action = _moves[i];
            if (scratch.IsLegal(action)) scratch.Step(action);
            else _moves[i] = _moves[--count];
        }
        return scratch.Winner ?? -1;
    }

    private int MostVisitedChild()
    {
        int best = -1, bestVisits = -1, ties = 0;
        for (int c = _firstChild[0]; c >= 0; c = _nextSibling[c])
        {
            if (_visits[c] > bestVisits)
            {
                (best, bestVisits, ties) = (c, _visits[c], 1);
            }
            else if (_visits[c] == bestVisits && _random.NextInt(++ties) == 0)
            {
                best = c; // reservoir sampling: each tied child ends up chosen with probability 1 / ties
            }
        }
        return _action[best];
    }

    private static int OnlyMove(IBoardGame game)
    {
        for (int a = 0; a < game.Spec.ActionCount; a++)
        {
            if (game.IsLegal(a)) return a;
        }
        throw new InvalidOperationException("Unreachable: the legal move disappeared.");
    }

    private static int CountLegal(IBoardGame game)
    {
        if (game.IsOver) return 0;
        int count = 0;
        for (int a = 0; a < game.Spec.ActionCount; a++)
        {
            if (game.IsLegal(a)) count++;
        }
        return count;
    }

    private void Prepare(IBoardGame game)
    {
        // Specs are shared by every game of one kind and size, so the same spec object means CopyFrom will accept it.
        if (_scratch is not null && ReferenceEquals(_scratch.Spec, game.Spec)) return;
        _scratch = game.Clone();
        _tried = new bool[game.Spec.ActionCount];
        _moves = new int[game.Spec.ActionCount];
    }
}
