namespace MuZero.Search.Policies;

/// <summary>
/// MuZero's whole descent in one loop: pUCT over min-max normalized Q at every node (<see cref="Puct.SelectWithMinMaxQ"/>
/// node after node, with the same arithmetic and so the same choices), reading each node's edges from
/// <see cref="SearchTree.Edges"/> (one contiguous block per node) and the exploration factor from a table
/// indexed by the node's visit count, so a step computes no logarithm or square root and calls nothing virtual.
/// </summary>
internal sealed class PuctDescent
{
    private readonly double[] _factor; // [capacity + 1]: ExplorationFactor(N) for every visit count a node can have.
    private readonly UnvisitedValue _unvisitedValue;

    /// <summary>A descent for trees of <paramref name="capacity"/> nodes per game (node visit counts 1..capacity).</summary>
    public PuctDescent(double pbCInit, double pbCBase, UnvisitedValue unvisitedValue, int capacity)
    {
        _factor = new double[capacity + 1];
        for (int n = 0; n <= capacity; n++) _factor[n] = Puct.ExplorationFactor(n, pbCInit, pbCBase);
        _unvisitedValue = unvisitedValue;
    }

    /// <summary>
    /// Walks down <paramref name="game"/>'s tree from the root (legal root actions only) to the first unexpanded
    /// edge; returns its parent node and writes its action to <paramref name="leafAction"/>.
    /// </summary>
    public int Descend(SearchTree tree, int game, out int leafAction)
    {
        EdgeStatistics[] edges = tree.Edges;
        int[] children = tree.Children;
        double[] factors = _factor;
        int actionCount = tree.ActionCount;
        int offset = game * tree.Capacity;
        // The game's min-max statistics do not change during a descent (backups come after it).
        double min = tree.MinQ[game];
        double max = tree.MaxQ[game];
        bool normalize = max > min;
        double range = max - min;
        bool parentValue = _unvisitedValue == UnvisitedValue.ParentValue;

        int node = 0;
        int visits = tree.VisitCount[offset];
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        while (true)
        {
            double factor = factors[visits];
            double unvisitedQ = 0.0;
            if (parentValue)
            {
                double mean = tree.ValueSum[offset + node] / visits;
                unvisitedQ = normalize ? Math.Clamp((mean - min) / range, 0.0, 1.0) : mean;
            }
            int first = (offset + node) * actionCount;
            ReadOnlySpan<EdgeStatistics> row = edges.AsSpan(first, actionCount);
            bool masked = !legal.IsEmpty;
            int best = -1;
            int bestVisits = 0;
            double bestScore = double.NegativeInfinity;
            for (int a = 0; a < row.Length; a++)
            {
                if (masked && !legal[a]) continue;
                EdgeStatistics edge = row[a];
                double q = normalize ? Math.Clamp((edge.Q - min) / range, 0.0, 1.0) : edge.Q;
                // An unvisited edge scores Puct.Score(unvisitedQ, prior, factor, 0); Q, score and the comparison are
                // selects rather than branches: which child wins is a coin toss the branch predictor would mostly lose.
                q = edge.Visits == 0 ? unvisitedQ : q;
                double score = Puct.Score(q, edge.Prior, factor, edge.Visits);
                // The first candidate is taken even if its score is NaN, as in Puct.Select.
                bool better = (best < 0) | (score > bestScore);
                best = better ? a : best;
                bestScore = better ? score : bestScore;
                bestVisits = better ? edge.Visits : bestVisits;
            }
            int child = children[first + best];
            if (child == SearchTree.NoChild)
            {
                leafAction = best;
                return node;
            }
            node = child;
            visits = bestVisits;
            legal = default;
        }
    }
}
