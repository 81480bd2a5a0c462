namespace MuZero.Search.Policies;

/// <summary>
/// The pUCT rule of MuZero: argmax_a Q(s, a) + P(s, a) sqrt(N(s)) / (1 + N(s, a)) (c1 + log((N(s) + c2 + 1) / c2)),
/// where N(s) is the node's own visit count (1 + the visits of its children: a node counts its own expansion
/// as a visit, as in mctx) and Q comes from the policy's Q transform. Ties go to the lowest action index.
/// </summary>
public static class Puct
{
    /// <summary>Exploration factor of a node with <paramref name="parentVisits"/> visits: sqrt(N) (c1 + log((N + c2 + 1) / c2)).</summary>
    public static double ExplorationFactor(int parentVisits, double pbCInit, double pbCBase) =>
        Math.Sqrt(parentVisits) * (pbCInit + Math.Log((parentVisits + pbCBase + 1) / pbCBase));

    /// <summary>pUCT score of one edge: Q + P * factor / (1 + N(s, a)).</summary>
    public static double Score(double q, float prior, double explorationFactor, int childVisits) =>
        q + prior * explorationFactor / (1 + childVisits);

    /// <summary>
    /// The pUCT argmax over the actions of <paramref name="node"/> given their transformed Q values
    /// <paramref name="q"/> [A]; with <paramref name="legal"/> [A] non-empty only its legal actions compete.
    /// </summary>
    public static int Select(SearchTree tree, int game, int node, ReadOnlySpan<double> q, ReadOnlySpan<bool> legal, double pbCInit, double pbCBase)
    {
        int flat = tree.NodeIndex(game, node);
        int edge = tree.EdgeIndex(game, node);
        int offset = tree.NodeIndex(game, 0);
        int[] children = tree.Children;
        int[] visitCount = tree.VisitCount;
        float[] prior = tree.Prior;
        double factor = ExplorationFactor(visitCount[flat], pbCInit, pbCBase);
        bool masked = !legal.IsEmpty;

        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < q.Length; a++)
        {
            if (masked && !legal[a]) continue;
            int child = children[edge + a];
            int visits = child == SearchTree.NoChild ? 0 : visitCount[offset + child];
            double score = Score(q[a], prior[edge + a], factor, visits);
            // The first candidate is taken even if its score is NaN, so a broken model cannot make the descent fail.
            if (best < 0 || score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>
    /// <see cref="Select"/> over the Q values of <see cref="MinMaxQTransform"/>, computed edge by edge in the same
    /// loop: MuZero's fused descent step (the same result as the transform followed by <see cref="Select"/>,
    /// without the Q row and two interface calls per node; the search uses it when its policy is exactly MuZero's).
    /// </summary>
    public static int SelectWithMinMaxQ(SearchTree tree, int game, int node, ReadOnlySpan<bool> legal, double pbCInit, double pbCBase, UnvisitedValue unvisitedValue)
    {
        int flat = tree.NodeIndex(game, node);
        int edge = tree.EdgeIndex(game, node);
        int offset = tree.NodeIndex(game, 0);
        int[] children = tree.Children;
        int[] visitCount = tree.VisitCount;
        float[] prior = tree.Prior;
        double discount = tree.Discount;
        double factor = ExplorationFactor(visitCount[flat], pbCInit, pbCBase);
        double unvisitedQ = unvisitedValue == UnvisitedValue.ParentValue
            ? tree.Normalize(game, tree.MeanValue(flat))
            : 0.0;
        bool masked = !legal.IsEmpty;

        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < tree.ActionCount; a++)
        {
            if (masked && !legal[a]) continue;
            int child = children[edge + a];
            double q;
            int visits;
            if (child == SearchTree.NoChild)
            {
                q = unvisitedQ;
                visits = 0;
            }
            else
            {
                int childFlat = offset + child;
                visits = visitCount[childFlat];
                q = tree.Normalize(game, tree.Reward[childFlat] + discount * tree.MeanValue(childFlat));
            }
            double score = Score(q, prior[edge + a], factor, visits);
            if (best < 0 || score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }
}
