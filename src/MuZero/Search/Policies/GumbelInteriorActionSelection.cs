namespace MuZero.Search.Policies;

/// <summary>
/// Gumbel MuZero below the root (mctx's <c>gumbel_muzero_interior_action_selection</c>): the deterministic
/// argmax_a pi'(a) - N(a) / (1 + sum_b N(b)), with pi' = softmax(logits + sigma(completedQ)) the improved policy
/// at the node, which makes the visit counts follow pi'. Ties go to the lowest action index.
/// </summary>
public sealed class GumbelInteriorActionSelection : IInteriorActionSelection
{
    /// <inheritdoc />
    public int Select(SearchTree tree, int game, int node, int depth, Span<double> q)
    {
        int edge = tree.EdgeIndex(game, node);
        double max = double.NegativeInfinity;
        long visitSum = 0;
        for (int a = 0; a < q.Length; a++)
        {
            q[a] += tree.PriorLogit(edge + a);
            if (q[a] > max) max = q[a];
            visitSum += tree.ChildVisits(game, node, a);
        }
        double sum = 0;
        for (int a = 0; a < q.Length; a++)
        {
            q[a] = Math.Exp(q[a] - max);
            sum += q[a];
        }
        double visitDenominator = 1.0 + visitSum;
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < q.Length; a++)
        {
            double score = q[a] / sum - tree.ChildVisits(game, node, a) / visitDenominator;
            if (best < 0 || score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }
}
