namespace MuZero.Search.Policies;

/// <summary>
/// Gumbel MuZero's Q transform (mctx's <c>qtransform_completed_by_mix_value</c>): sigma(completedQ), where
/// <list type="bullet">
/// <item>an expanded edge keeps its Q(s, a) = r + d V(child); an unexpanded one is completed with the mixed
/// value v_mix = (v_raw + N sum_visited pi(a) Q(s, a) / sum_visited pi(a)) / (1 + N), N = sum_b N(s, b),
/// v_raw the node's network value and pi its prior (each pi floored at the smallest normal float, so
/// visited actions of prior 0 still count);</item>
/// <item>the completed Q are rescaled to [0, 1] by the min and max over the node's actions:
/// (q - min) / max(max - min, 1e-8);</item>
/// <item>sigma(q) = (maxvisit_init + max_b N(s, b)) value_scale q.</item>
/// </list>
/// At the root only the legal actions enter the sums and the min and max (illegal root actions are no
/// actions at all; mctx lets their completed value widen the range). Their entries are still written
/// (completed and rescaled like an unvisited action) but no policy reads them.
/// </summary>
public sealed class CompletedByMixValueQTransform : IQTransform
{
    /// <summary>Lower bound of max - min in the rescaling (mctx's epsilon).</summary>
    public const double RescaleEpsilon = 1e-8;

    /// <summary>Smallest normal float32 (mctx's <c>finfo(float32).tiny</c>): the floor of a prior in the mixed value.</summary>
    private const double TinyPrior = 1.1754943508222875e-38;

    /// <summary>Creates the transform sigma(q) = (<paramref name="maxvisitInit"/> + max N) <paramref name="valueScale"/> q.</summary>
    public CompletedByMixValueQTransform(double maxvisitInit, double valueScale)
    {
        if (!double.IsFinite(maxvisitInit) || maxvisitInit < 0)
            throw new ArgumentOutOfRangeException(nameof(maxvisitInit), $"maxvisit_init must be finite and >= 0, got {maxvisitInit}.");
        if (!double.IsFinite(valueScale) || !(valueScale > 0))
            throw new ArgumentOutOfRangeException(nameof(valueScale), $"value_scale must be finite and > 0, got {valueScale}.");
        MaxvisitInit = maxvisitInit;
        ValueScale = valueScale;
    }

    /// <summary>The visit offset of sigma.</summary>
    public double MaxvisitInit { get; }

    /// <summary>The scale of sigma.</summary>
    public double ValueScale { get; }

    /// <inheritdoc />
    public void Apply(SearchTree tree, int game, int node, Span<double> q)
    {
        int flat = tree.NodeIndex(game, node);
        int edge = tree.EdgeIndex(game, node);
        int offset = tree.NodeIndex(game, 0);
        int[] children = tree.Children;
        int[] visitCount = tree.VisitCount;
        ReadOnlySpan<bool> legal = node == 0 ? tree.RootLegalActions(game) : default;
        bool masked = !legal.IsEmpty;
        double discount = tree.Discount;

        // Q of the visited actions, and the prior-weighted mean of those Q for the mixed value.
        long visitSum = 0;
        int maxVisits = 0;
        double visitedPrior = 0, weightedQ = 0;
        for (int a = 0; a < q.Length; a++)
        {
            int child = children[edge + a];
            int visits = child == SearchTree.NoChild ? 0 : visitCount[offset + child];
            if (visits == 0 || (masked && !legal[a])) continue;
            int childFlat = offset + child;
            double qa = tree.Reward[childFlat] + discount * tree.MeanValue(childFlat);
            q[a] = qa;
            double p = Math.Max(tree.Prior[edge + a], TinyPrior);
            visitedPrior += p;
            weightedQ += p * qa;
            visitSum += visits;
            if (visits > maxVisits) maxVisits = visits;
        }
        double mixed = visitSum > 0
            ? (tree.RawValue[flat] + visitSum * (weightedQ / visitedPrior)) / (visitSum + 1)
            : tree.RawValue[flat];

        // Complete the unvisited actions, then rescale by the min and max over the (legal) actions.
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int a = 0; a < q.Length; a++)
        {
            int child = children[edge + a];
            bool visited = child != SearchTree.NoChild && visitCount[offset + child] > 0;
            if (!visited || (masked && !legal[a])) q[a] = mixed;
            if (masked && !legal[a]) continue;
            if (q[a] < min) min = q[a];
            if (q[a] > max) max = q[a];
        }
        double range = Math.Max(max - min, RescaleEpsilon);
        double scale = (MaxvisitInit + maxVisits) * ValueScale;
        for (int a = 0; a < q.Length; a++) q[a] = scale * ((q[a] - min) / range);
    }
}
