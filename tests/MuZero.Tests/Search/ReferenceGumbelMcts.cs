using MuZero.Randomness;
using MuZero.Search;
using MuZero.Search.Policies;

namespace MuZero.Tests.Search;

/// <summary>
/// A plain, recursive, one-game Gumbel MuZero search over <see cref="TabularModel"/>, written from the paper
/// (Danihelka et al., 2022) to check the batched <c>gumbel_muzero</c> policy against: Gumbel-top-k with
/// sequential halving at the root (the schedule itself is checked by hand elsewhere), sigma(completed Q) with
/// the mixed value, min-max rescaling over the node's (legal) actions, and the deterministic interior
/// selection argmax pi'(a) - N(a) / (1 + sum N). Every quantity is recomputed from the nodes each time.
/// </summary>
internal sealed class ReferenceGumbelMcts(TabularModel model, SearchConfig config, bool twoPlayer)
{
    private readonly double _d = twoPlayer ? -config.Discount : config.Discount;
    private readonly List<ReferenceNode> _nodes = [];

    public IReadOnlyList<ReferenceNode> Nodes => _nodes;

    /// <summary>
    /// Searches from <paramref name="rootState"/>; with <paramref name="noise"/> the root's Gumbel variables are
    /// A draws of <see cref="Xoshiro256.NextGumbel"/> times the scale (as the search documents), else zeros.
    /// Returns the root visits, the action played and the action weights.
    /// </summary>
    public (int[] Visits, int Action, double[] Weights, double RootValue) Run(int rootState, bool[] legal, Xoshiro256? noise)
    {
        _nodes.Clear();
        int actions = model.ActionCount;
        var gumbel = new double[actions];
        if (noise is not null)
            for (int a = 0; a < actions; a++) gumbel[a] = config.Gumbel.GumbelScale * noise.NextGumbel();

        double[] prior = ReferenceNode.MaskedRootPrior(model, rootState, legal);
        var root = new ReferenceNode(_nodes, rootState, -1, -1, 0, prior, model.Value(rootState)) { Visits = 1, ValueSum = model.Value(rootState) };
        int k = Math.Min(config.Gumbel.MaxConsideredActions, legal.Count(l => l));
        int[] schedule = SequentialHalving.ConsideredVisits(k, config.Simulations);

        for (int i = 0; i < config.Simulations; i++)
        {
            double[] sigma = SigmaCompletedQ(root, legal);
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int a = 0; a < actions; a++)
            {
                if (!legal[a] || VisitsOf(root, a) != schedule[i]) continue;
                double score = gumbel[a] + Logit(root.Prior[a]) + sigma[a];
                if (best < 0 || score > bestScore) (best, bestScore) = (a, score);
            }
            Simulate(root, best);
        }

        int[] visits = Enumerable.Range(0, actions).Select(a => VisitsOf(root, a)).ToArray();
        double[] finalSigma = SigmaCompletedQ(root, legal);
        int most = Enumerable.Range(0, actions).Where(a => legal[a]).Max(a => visits[a]);
        int action = Enumerable.Range(0, actions).Where(a => legal[a] && visits[a] == most)
            .OrderByDescending(a => gumbel[a] + Logit(root.Prior[a]) + finalSigma[a]).ThenBy(a => a).First();
        double[] logits = Enumerable.Range(0, actions).Select(a => legal[a] ? Logit(root.Prior[a]) + finalSigma[a] : double.NegativeInfinity).ToArray();
        return (visits, action, Softmax(logits), root.Value);
    }

    /// <summary>One simulation that takes <paramref name="action"/> at <paramref name="node"/>; returns the return G added to the node.</summary>
    private double Simulate(ReferenceNode node, int action)
    {
        ReferenceNode? child = node.Children[action];
        double childReturn;
        if (child is null)
        {
            child = ReferenceNode.Expand(_nodes, model, node, action);
            childReturn = child.RawValue;
            child.ValueSum += childReturn;
            child.Visits += 1;
        }
        else
        {
            childReturn = Simulate(child, SelectInterior(child));
        }
        double g = child.Reward + _d * childReturn;
        node.ValueSum += g;
        node.Visits += 1;
        return g;
    }

    private int SelectInterior(ReferenceNode node)
    {
        int actions = node.Prior.Length;
        double[] sigma = SigmaCompletedQ(node, null);
        double[] improved = Softmax(Enumerable.Range(0, actions).Select(a => Logit(node.Prior[a]) + sigma[a]).ToArray());
        int total = Enumerable.Range(0, actions).Sum(a => VisitsOf(node, a));
        int best = 0;
        for (int a = 1; a < actions; a++)
        {
            if (improved[a] - VisitsOf(node, a) / (1.0 + total) > improved[best] - VisitsOf(node, best) / (1.0 + total)) best = a;
        }
        return best;
    }

    /// <summary>sigma(completed Q) of every action of <paramref name="node"/> (legal ones only at the root; others get the completion too).</summary>
    private double[] SigmaCompletedQ(ReferenceNode node, bool[]? legal)
    {
        int actions = node.Prior.Length;
        bool Counts(int a) => legal is null || legal[a];
        var visited = Enumerable.Range(0, actions).Where(a => Counts(a) && VisitsOf(node, a) > 0).ToArray();
        int n = visited.Sum(a => VisitsOf(node, a));
        double mixed = node.RawValue;
        if (n > 0)
        {
            double p(int a) => Math.Max(node.Prior[a], 1.1754943508222875e-38);
            double piQ = visited.Sum(a => p(a) * Q(node, a)) / visited.Sum(p);
            mixed = (node.RawValue + n * piQ) / (1 + n);
        }
        var completed = Enumerable.Range(0, actions).Select(a => Counts(a) && VisitsOf(node, a) > 0 ? Q(node, a) : mixed).ToArray();
        var counted = Enumerable.Range(0, actions).Where(Counts).Select(a => completed[a]).ToArray();
        double min = counted.Min(), max = counted.Max();
        int maxVisits = Enumerable.Range(0, actions).Max(a => VisitsOf(node, a));
        double scale = (config.Gumbel.MaxvisitInit + maxVisits) * config.Gumbel.ValueScale;
        return completed.Select(q => scale * (q - min) / Math.Max(max - min, 1e-8)).ToArray();
    }

    private double Q(ReferenceNode node, int a) => node.Children[a]!.Reward + _d * node.Children[a]!.Value;

    private static int VisitsOf(ReferenceNode node, int a) => node.Children[a]?.Visits ?? 0;

    private static double Logit(double prior) => Math.Log(Math.Max(prior, float.Epsilon));

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] e = logits.Select(l => double.IsNegativeInfinity(l) ? 0 : Math.Exp(l - max)).ToArray();
        double sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }
}
