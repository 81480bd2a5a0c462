using MuZero.Randomness;

namespace MuZero.Search.Policies;

/// <summary>
/// Gumbel MuZero at the root (Danihelka et al., 2022; mctx's <c>gumbel_muzero_root_action_selection</c>):
/// Gumbel-top-k sampling of k = min(max_considered_actions, legal actions) actions and sequential halving
/// over the simulation budget.
/// </summary>
/// <remarks>
/// <para>Simulation i visits, among the legal actions whose visit count equals the schedule's target
/// (<see cref="SequentialHalving.ConsideredVisits"/> for this game's k), the argmax of
/// g(a) + logits(a) + sigma(completedQ(a)). While every target is 0 this takes the top k actions by
/// g + logits (the Gumbel-top-k sample, sigma being equal for all unvisited actions); later phases keep
/// the better half of them by the same score.</para>
/// <para>The decision after the search is the same score's argmax among the most visited actions (the
/// sequential-halving winner; the temperature is not used), and the action weights are the improved policy
/// softmax(logits + sigma(completedQ)) over the legal actions (0 for illegal ones).</para>
/// <para>Noise: <see cref="Begin"/> draws A Gumbel(0, 1) variables per game (one per action in action order,
/// illegal actions included, so the stream does not depend on the mask), times gumbel_scale; without noise
/// g = 0 and the search is deterministic.</para>
/// </remarks>
public sealed class GumbelRootActionSelection : IRootActionSelection
{
    private readonly int _actionCount;
    private readonly int _maxConsidered;
    private readonly double _gumbelScale;
    private readonly int[][] _schedules; // [k] -> targets [S], for k in 1..min(max_considered_actions, A)
    private double[] _gumbel = [];       // [B * A]
    private int[] _considered = [];      // [B]: k of each game

    /// <summary>Creates the rule for searches of <paramref name="simulations"/> simulations over <paramref name="actionCount"/> actions.</summary>
    public GumbelRootActionSelection(int maxConsideredActions, double gumbelScale, int simulations, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConsideredActions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(simulations, 1);
        if (!double.IsFinite(gumbelScale) || gumbelScale < 0)
            throw new ArgumentOutOfRangeException(nameof(gumbelScale), $"gumbel_scale must be finite and >= 0, got {gumbelScale}.");
        _actionCount = actionCount;
        _maxConsidered = Math.Min(maxConsideredActions, actionCount);
        _gumbelScale = gumbelScale;
        _schedules = new int[_maxConsidered + 1][];
        _schedules[0] = [];
        for (int k = 1; k <= _maxConsidered; k++) _schedules[k] = SequentialHalving.ConsideredVisits(k, simulations);
    }

    /// <summary>The Gumbel noise of <paramref name="game"/> in the current search [A] (zeros without noise).</summary>
    public ReadOnlySpan<double> Gumbel(int game) => _gumbel.AsSpan(game * _actionCount, _actionCount);

    /// <summary>k of <paramref name="game"/> in the current search.</summary>
    public int ConsideredActions(int game) => _considered[game];

    /// <inheritdoc />
    public void Begin(SearchTree tree, int game, bool addNoise, Xoshiro256 rng)
    {
        if (_gumbel.Length != tree.BatchSize * _actionCount)
        {
            _gumbel = new double[tree.BatchSize * _actionCount];
            _considered = new int[tree.BatchSize];
        }
        Span<double> gumbel = _gumbel.AsSpan(game * _actionCount, _actionCount);
        if (addNoise)
        {
            for (int a = 0; a < gumbel.Length; a++) gumbel[a] = _gumbelScale * rng.NextGumbel();
        }
        else
        {
            gumbel.Clear();
        }
        int legalCount = 0;
        foreach (bool isLegal in tree.RootLegalActions(game)) if (isLegal) legalCount++;
        _considered[game] = Math.Min(_maxConsidered, legalCount);
    }

    /// <inheritdoc />
    public int Select(SearchTree tree, int game, int simulation, Span<double> q)
    {
        int[] schedule = _schedules[_considered[game]];
        int target = simulation < schedule.Length ? schedule[simulation] : int.MinValue;
        int best = ArgmaxScore(tree, game, q, target);
        // The schedule always leaves an action at its target; should it not (a changed tree), any legal action competes.
        return best >= 0 ? best : ArgmaxScore(tree, game, q, int.MinValue);
    }

    /// <inheritdoc />
    public int Decide(SearchTree tree, int game, ReadOnlySpan<int> visits, Span<double> q, double temperature, Xoshiro256 rng, Span<float> actionWeights)
    {
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        int mostVisits = 0;
        for (int a = 0; a < visits.Length; a++)
            if (legal[a] && visits[a] > mostVisits) mostVisits = visits[a];
        int action = ArgmaxScore(tree, game, q, mostVisits);

        // The improved policy softmax(logits + sigma(completedQ)) over the legal actions.
        int edge = tree.EdgeIndex(game, 0);
        double max = double.NegativeInfinity;
        for (int a = 0; a < q.Length; a++)
        {
            if (!legal[a]) continue;
            q[a] += tree.PriorLogit(edge + a);
            if (q[a] > max) max = q[a];
        }
        double sum = 0;
        for (int a = 0; a < q.Length; a++)
        {
            if (!legal[a]) continue;
            q[a] = Math.Exp(q[a] - max);
            sum += q[a];
        }
        for (int a = 0; a < q.Length; a++) actionWeights[a] = legal[a] ? (float)(q[a] / sum) : 0f;
        return action;
    }

    /// <summary>
    /// argmax of g + logits + q over the legal actions whose visit count is <paramref name="target"/>
    /// (all legal actions for <see cref="int.MinValue"/>); the lowest index on ties; -1 when none qualifies.
    /// </summary>
    private int ArgmaxScore(SearchTree tree, int game, ReadOnlySpan<double> q, int target)
    {
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        ReadOnlySpan<double> gumbel = Gumbel(game);
        int edge = tree.EdgeIndex(game, 0);
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < q.Length; a++)
        {
            if (!legal[a]) continue;
            if (target != int.MinValue && tree.ChildVisits(game, 0, a) != target) continue;
            double score = gumbel[a] + tree.PriorLogit(edge + a) + q[a];
            if (best < 0 || score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }
}
