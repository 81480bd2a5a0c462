using MuZero.Search;

namespace MuZero.Tests.Search;

/// <summary>
/// A deliberately plain, recursive, one-game MuZero MCTS over <see cref="TabularModel"/> (object nodes,
/// no batching, no tensors), written from the algorithm's description to check <see cref="BatchedMcts"/>
/// against. Same conventions: a node's running mean includes its own network value; pUCT uses the node's
/// visit count; Q = r + d V(child), d = -discount for two players; min-max over every backed-up Q below
/// the root, clamped, unnormalized while max &lt;= min; ties to the lowest action.
/// </summary>
internal sealed class ReferenceMcts(TabularModel model, SearchConfig config, bool twoPlayer)
{
    private readonly double _d = twoPlayer ? -config.Discount : config.Discount;
    private double _min, _max;

    private sealed class Node(int state, double reward, double[] prior)
    {
        public int State { get; } = state;
        public double Reward { get; } = reward;
        public double[] Prior { get; } = prior;
        public Node?[] Children { get; } = new Node?[prior.Length];
        public int Visits { get; set; }
        public double ValueSum { get; set; }
        public double Value => ValueSum / Visits;
    }

    public (int[] Visits, double RootValue, double[] RootPrior) Run(int rootState, bool[] legal)
    {
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        int actions = model.ActionCount;
        var prior = new double[actions];
        for (int a = 0; a < actions; a++) prior[a] = legal[a] ? model.Prior(rootState, a) : 0;
        double sum = prior.Sum();
        int legalCount = legal.Count(l => l);
        for (int a = 0; a < actions; a++)
            prior[a] = !legal[a] ? 0 : sum > 1e-12 ? (float)(prior[a] / sum) : 1f / legalCount;

        var root = new Node(rootState, 0, prior) { Visits = 1, ValueSum = model.Value(rootState) };
        for (int i = 0; i < config.Simulations; i++) Simulate(root, legal);

        var visits = root.Children.Select(c => c?.Visits ?? 0).ToArray();
        return (visits, root.Value, prior);
    }

    /// <summary>One simulation below <paramref name="node"/>; returns the return G added to the node.</summary>
    private double Simulate(Node node, bool[]? legal)
    {
        int a = Select(node, legal);
        Node? child = node.Children[a];
        double childReturn;
        if (child is null)
        {
            (int next, float reward) = model.Step(node.State, a);
            var childPrior = Enumerable.Range(0, model.ActionCount).Select(x => (double)model.Prior(next, x)).ToArray();
            child = new Node(next, reward, childPrior);
            node.Children[a] = child;
            childReturn = model.Value(next);
            child.ValueSum += childReturn;
            child.Visits += 1;
        }
        else
        {
            childReturn = Simulate(child, null);
        }
        double q = child.Reward + _d * child.Value;
        _min = Math.Min(_min, q);
        _max = Math.Max(_max, q);

        double g = child.Reward + _d * childReturn;
        node.ValueSum += g;
        node.Visits += 1;
        return g;
    }

    private int Select(Node node, bool[]? legal)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < node.Prior.Length; a++)
        {
            if (legal is not null && !legal[a]) continue;
            Node? child = node.Children[a];
            double q = child is not null
                ? Normalize(child.Reward + _d * child.Value)
                : config.UnvisitedValue == UnvisitedValue.Minimum ? 0 : Normalize(node.Value);
            int n = child?.Visits ?? 0;
            double score = q + node.Prior[a] * Math.Sqrt(node.Visits) / (1 + n)
                * (config.PbCInit + Math.Log((node.Visits + config.PbCBase + 1) / config.PbCBase));
            if (score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }

    private double Normalize(double q) => _max > _min ? Math.Clamp((q - _min) / (_max - _min), 0, 1) : q;
}
