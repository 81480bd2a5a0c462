using MuZero.Randomness;
using MuZero.Search;

namespace MuZero.Tests.Search;

/// <summary>
/// A deliberately plain, recursive, one-game MuZero MCTS over <see cref="TabularModel"/> (object nodes,
/// no batching, no tensors), written from the algorithm's description to check <see cref="BatchedMcts"/>
/// against. Same conventions: a node's running mean includes its own network value; pUCT uses the node's
/// visit count; Q = r + d V(child), d = -discount for two players; min-max over every backed-up Q below
/// the root, clamped, unnormalized while max &lt;= min; ties to the lowest action. After <see cref="Run"/>,
/// <see cref="Nodes"/> holds the whole tree in creation order (node i + 1 created by simulation i).
/// </summary>
internal sealed class ReferenceMcts(TabularModel model, SearchConfig config, bool twoPlayer)
{
    private readonly double _d = twoPlayer ? -config.Discount : config.Discount;
    private readonly List<ReferenceNode> _nodes = [];
    private double _min, _max;

    /// <summary>Every node of the last search, index = node number.</summary>
    public IReadOnlyList<ReferenceNode> Nodes => _nodes;

    /// <summary>
    /// Searches from <paramref name="rootState"/>; with <paramref name="noise"/> the root prior gets
    /// Dirichlet(config.DirichletAlpha) noise over the legal actions, drawn from it as the search documents.
    /// </summary>
    public (int[] Visits, double RootValue, double[] RootPrior) Run(int rootState, bool[] legal, Xoshiro256? noise = null)
    {
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        _nodes.Clear();
        double[] prior = ReferenceNode.MaskedRootPrior(model, rootState, legal);
        if (noise is not null)
        {
            var sample = new float[legal.Count(l => l)];
            noise.NextDirichlet(config.DirichletAlpha, sample);
            int k = 0;
            for (int a = 0; a < prior.Length; a++)
                if (legal[a]) prior[a] = (float)((1 - config.ExplorationFraction) * (float)prior[a] + config.ExplorationFraction * sample[k++]);
        }

        var root = new ReferenceNode(_nodes, rootState, -1, -1, 0, prior, model.Value(rootState)) { Visits = 1, ValueSum = model.Value(rootState) };
        for (int i = 0; i < config.Simulations; i++) Simulate(root, legal);

        var visits = root.Children.Select(c => c?.Visits ?? 0).ToArray();
        return (visits, root.Value, prior);
    }

    /// <summary>One simulation below <paramref name="node"/>; returns the return G added to the node.</summary>
    private double Simulate(ReferenceNode node, bool[]? legal)
    {
        int a = Select(node, legal);
        ReferenceNode? child = node.Children[a];
        double childReturn;
        if (child is null)
        {
            child = ReferenceNode.Expand(_nodes, model, node, a);
            childReturn = child.RawValue;
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

    private int Select(ReferenceNode node, bool[]? legal)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < node.Prior.Length; a++)
        {
            if (legal is not null && !legal[a]) continue;
            ReferenceNode? child = node.Children[a];
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

/// <summary>A node of the reference searches: object links plus the flat numbers a batched tree stores.</summary>
internal sealed class ReferenceNode
{
    public ReferenceNode(List<ReferenceNode> all, int state, int parent, int action, double reward, double[] prior, double rawValue)
    {
        Index = all.Count;
        all.Add(this);
        State = state;
        Parent = parent;
        Action = action;
        Reward = reward;
        Prior = prior;
        RawValue = rawValue;
        Children = new ReferenceNode?[prior.Length];
    }

    public int Index { get; }
    public int State { get; }
    public int Parent { get; }
    public int Action { get; }
    public double Reward { get; }
    public double[] Prior { get; }
    public double RawValue { get; }
    public ReferenceNode?[] Children { get; }
    public int Visits { get; set; }
    public double ValueSum { get; set; }
    public double Value => ValueSum / Visits;

    /// <summary>The model's prior at <paramref name="state"/> masked to <paramref name="legal"/> and renormalized (uniform without mass), as floats.</summary>
    public static double[] MaskedRootPrior(TabularModel model, int state, bool[] legal)
    {
        int actions = model.ActionCount;
        var prior = new double[actions];
        for (int a = 0; a < actions; a++) prior[a] = legal[a] ? model.Prior(state, a) : 0;
        double sum = prior.Sum();
        int legalCount = legal.Count(l => l);
        for (int a = 0; a < actions; a++)
            prior[a] = !legal[a] ? 0 : sum > 1e-12 ? (float)(prior[a] / sum) : 1f / legalCount;
        return prior;
    }

    /// <summary>Creates the child of <paramref name="node"/> behind <paramref name="action"/> from the model (no visits yet).</summary>
    public static ReferenceNode Expand(List<ReferenceNode> all, TabularModel model, ReferenceNode node, int action)
    {
        (int next, float reward) = model.Step(node.State, action);
        var prior = Enumerable.Range(0, model.ActionCount).Select(x => (double)model.Prior(next, x)).ToArray();
        var child = new ReferenceNode(all, next, node.Index, action, reward, prior, model.Value(next));
        node.Children[action] = child;
        return child;
    }
}
