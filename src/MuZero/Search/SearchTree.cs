namespace MuZero.Search;

/// <summary>
/// B search trees in flat, preallocated arrays (mctx's <c>Tree</c>): the one data structure every search
/// policy reads. Every game owns a block of <see cref="Capacity"/> = S + 1 nodes; node 0 is the root and
/// simulation i creates node i + 1, so all games hold the same number of nodes at any time. Per-node arrays
/// are indexed by <c>game * Capacity + node</c> (<see cref="NodeIndex"/>), per-edge arrays by
/// <c>(game * Capacity + node) * ActionCount + action</c> (<see cref="EdgeIndex"/>).
/// </summary>
/// <remarks>
/// Conventions:
/// <list type="bullet">
/// <item>A node's value is a running mean that includes the node's own network value: a node is
/// created with visit count 1 and value sum = its value (<see cref="RawValue"/>), then every simulation
/// through it adds one visit and the discounted return G of that simulation.</item>
/// <item>The reward r(s, a) of an edge is stored on the child node (<see cref="Reward"/>), and the
/// visit count N(s, a) of an edge is the child's <see cref="VisitCount"/> (0 while not expanded).</item>
/// <item>Q(s, a) = r(s, a) + d V(child), d = <see cref="Discount"/> (+discount for single-player games,
/// -discount for two-player zero-sum games), is from the point of view of the player to move at s.</item>
/// <item>Priors are probabilities (the softmax of the network's policy logits; at the root masked to the legal
/// actions and renormalized). Policies that need logits take log(prior) (<see cref="PriorLogit"/>): it differs
/// from the network's logits by one constant per node, which changes no softmax and no argmax.</item>
/// <item>Min-max statistics per game cover every Q(s, a) written by a backup (each non-root node on the
/// backed-up path, after its update); the root's own value is not included (it has no parent). MuZero's
/// Q transform normalizes with them.</item>
/// </list>
/// The search writes the tree; policies (<see cref="IQTransform"/>, <see cref="IRootActionSelection"/>,
/// <see cref="IInteriorActionSelection"/>) only read it, except a root selection's
/// <see cref="IRootActionSelection.Begin"/>, which may change the root priors (exploration noise).
/// Games are independent: work on different games may run on different threads.
/// </remarks>
public sealed class SearchTree
{
    /// <summary>Child index of an edge that has not been expanded.</summary>
    public const int NoChild = -1;

    /// <summary>Parent index of a root.</summary>
    public const int NoParent = -1;

    /// <summary>The smallest positive float: priors below it (0 after a softmax underflow) count as this in <see cref="PriorLogit"/>.</summary>
    private const float SmallestPrior = float.Epsilon;

    /// <summary>Creates empty trees for <paramref name="batchSize"/> games of <paramref name="capacity"/> nodes and <paramref name="actionCount"/> actions.</summary>
    /// <param name="batchSize">Number of games B.</param>
    /// <param name="capacity">Nodes per game N = S + 1.</param>
    /// <param name="actionCount">Number of actions A.</param>
    /// <param name="discount">Signed discount d between a node and its children: +gamma, or -gamma for two-player zero-sum games.</param>
    public SearchTree(int batchSize, int capacity, int actionCount, double discount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        if (!double.IsFinite(discount)) throw new ArgumentOutOfRangeException(nameof(discount), $"Discount must be finite, got {discount}.");
        BatchSize = batchSize;
        Capacity = capacity;
        ActionCount = actionCount;
        Discount = discount;

        int nodes = checked(batchSize * capacity);
        int edges = checked(nodes * actionCount);
        VisitCount = new int[nodes];
        ValueSum = new double[nodes];
        RawValue = new float[nodes];
        Reward = new float[nodes];
        Parent = new int[nodes];
        ActionFromParent = new int[nodes];
        Prior = new float[edges];
        Children = new int[edges];
        Edges = new EdgeStatistics[edges];
        RootLegal = new bool[checked(batchSize * actionCount)];
        MinQ = new double[batchSize];
        MaxQ = new double[batchSize];
    }

    /// <summary>Number of games B.</summary>
    public int BatchSize { get; }

    /// <summary>Nodes per game N = S + 1.</summary>
    public int Capacity { get; }

    /// <summary>Number of actions A.</summary>
    public int ActionCount { get; }

    /// <summary>Signed discount d of Q = r + d V(child): +gamma (single player) or -gamma (two-player zero-sum).</summary>
    public double Discount { get; }

    /// <summary>Visit count per node [B * N].</summary>
    public int[] VisitCount { get; }

    /// <summary>Sum of backed-up values per node [B * N], from the point of view of the player to move at the node.</summary>
    public double[] ValueSum { get; }

    /// <summary>The network's value of each node when it was expanded [B * N] (mctx's <c>raw_values</c>).</summary>
    public float[] RawValue { get; }

    /// <summary>Reward of the edge leading into each node [B * N], from the point of view of the player who acted.</summary>
    public float[] Reward { get; }

    /// <summary>Parent node (within the same game) per node [B * N]; <see cref="NoParent"/> for roots.</summary>
    public int[] Parent { get; }

    /// <summary>Action taken from the parent to reach each node [B * N]; -1 for roots.</summary>
    public int[] ActionFromParent { get; }

    /// <summary>Prior probability of each edge [B * N * A].</summary>
    public float[] Prior { get; }

    /// <summary>Child node (within the same game) of each edge [B * N * A]; <see cref="NoChild"/> when not expanded.</summary>
    public int[] Children { get; }

    /// <summary>
    /// Per edge [B * N * A], what a pUCT descent step reads, side by side: Q = r + d V(child) as the last backup
    /// through the edge left it, N(s, a) and the prior (a copy of <see cref="Prior"/>). A node's A edges are
    /// contiguous, so one step of the descent reads one block instead of three node arrays per child.
    /// </summary>
    internal EdgeStatistics[] Edges { get; }

    /// <summary>Legal root actions [B * A] (mctx's <c>root_invalid_actions</c>, negated); the model has no rules below the root.</summary>
    public bool[] RootLegal { get; }

    /// <summary>Smallest Q seen in each game's tree [B] (+infinity before the first backup).</summary>
    public double[] MinQ { get; }

    /// <summary>Largest Q seen in each game's tree [B] (-infinity before the first backup).</summary>
    public double[] MaxQ { get; }

    /// <summary>Flat index of a node.</summary>
    public int NodeIndex(int game, int node) => game * Capacity + node;

    /// <summary>Flat index of the first edge of a node (its A edges follow).</summary>
    public int EdgeIndex(int game, int node) => (game * Capacity + node) * ActionCount;

    /// <summary>Mean value of a node (flat index), from the point of view of the player to move there.</summary>
    public double MeanValue(int flatNode) => ValueSum[flatNode] / VisitCount[flatNode];

    /// <summary>The legal root actions of <paramref name="game"/> [A].</summary>
    public ReadOnlySpan<bool> RootLegalActions(int game) => RootLegal.AsSpan(game * ActionCount, ActionCount);

    /// <summary>N(s, a): the visit count of the child behind edge (<paramref name="node"/>, <paramref name="action"/>), 0 when not expanded.</summary>
    public int ChildVisits(int game, int node, int action)
    {
        int child = Children[EdgeIndex(game, node) + action];
        return child == NoChild ? 0 : VisitCount[NodeIndex(game, child)];
    }

    /// <summary>
    /// Q(s, a) = r(s, a) + d V(child) of an expanded edge, from the point of view of the player to move at
    /// <paramref name="node"/>; <see cref="double.NaN"/> when the edge is not expanded.
    /// </summary>
    public double Q(int game, int node, int action)
    {
        int child = Children[EdgeIndex(game, node) + action];
        if (child == NoChild) return double.NaN;
        int flat = NodeIndex(game, child);
        return Reward[flat] + Discount * MeanValue(flat);
    }

    /// <summary>
    /// log(prior) of an edge (flat edge index), the prior logit up to a per-node constant (softmax and argmax
    /// do not see it); a prior of 0 counts as the smallest positive float (log = -103.3), so the logit stays finite.
    /// </summary>
    public double PriorLogit(int flatEdge) => Math.Log(Math.Max(Prior[flatEdge], SmallestPrior));

    /// <summary>
    /// Starts a new tree for <paramref name="game"/>: the root with visit count 1, value sum and raw value
    /// <paramref name="value"/>, the given priors [A], the legal actions [A] and no children; min-max statistics cleared.
    /// </summary>
    public void InitializeRoot(int game, float value, ReadOnlySpan<float> priors, ReadOnlySpan<bool> legal)
    {
        int node = NodeIndex(game, 0);
        VisitCount[node] = 1;
        ValueSum[node] = value;
        RawValue[node] = value;
        Reward[node] = 0f;
        Parent[node] = NoParent;
        ActionFromParent[node] = -1;
        int edge = EdgeIndex(game, 0);
        priors.CopyTo(Prior.AsSpan(edge, ActionCount));
        Children.AsSpan(edge, ActionCount).Fill(NoChild);
        ResetEdges(edge, priors);
        legal.CopyTo(RootLegal.AsSpan(game * ActionCount, ActionCount));
        MinQ[game] = double.PositiveInfinity;
        MaxQ[game] = double.NegativeInfinity;
    }

    /// <summary>
    /// Creates node <paramref name="child"/> of <paramref name="game"/> as the target of edge
    /// (<paramref name="parent"/>, <paramref name="action"/>) with the network's <paramref name="reward"/>,
    /// <paramref name="value"/> and <paramref name="priors"/> [A], and no visits yet (<see cref="Backup"/> gives it its first).
    /// </summary>
    public void AddChild(int game, int parent, int action, int child, float reward, float value, ReadOnlySpan<float> priors)
    {
        Children[EdgeIndex(game, parent) + action] = child;
        int node = NodeIndex(game, child);
        VisitCount[node] = 0;
        ValueSum[node] = 0;
        RawValue[node] = value;
        Reward[node] = reward;
        Parent[node] = parent;
        ActionFromParent[node] = action;
        int edge = EdgeIndex(game, child);
        priors.CopyTo(Prior.AsSpan(edge, ActionCount));
        Children.AsSpan(edge, ActionCount).Fill(NoChild);
        ResetEdges(edge, priors);
    }

    /// <summary>Copies the priors of <paramref name="node"/>'s edges from <see cref="Prior"/> into <see cref="Edges"/> (after a policy changed them, e.g. root noise).</summary>
    internal void RefreshEdgePriors(int game, int node)
    {
        int edge = EdgeIndex(game, node);
        Span<EdgeStatistics> edges = Edges.AsSpan(edge, ActionCount);
        ReadOnlySpan<float> priors = Prior.AsSpan(edge, ActionCount);
        for (int a = 0; a < edges.Length; a++) edges[a].Prior = priors[a];
    }

    private void ResetEdges(int edge, ReadOnlySpan<float> priors)
    {
        Span<EdgeStatistics> edges = Edges.AsSpan(edge, ActionCount);
        for (int a = 0; a < edges.Length; a++) edges[a] = new EdgeStatistics(0.0, priors[a], 0);
    }

    /// <summary>
    /// Backs up <paramref name="leafValue"/> from <paramref name="leaf"/> to the root of <paramref name="game"/>:
    /// at each node, value sum += G and visit count += 1; then (below the root) the min-max statistics take
    /// Q = r + d V(node) and G = r + d G, and the edge into the node (<see cref="Edges"/>) takes that Q and the node's visit count.
    /// </summary>
    public void Backup(int game, int leaf, double leafValue)
    {
        // Locals for the arrays and the min-max pair (written once at the end; the same min and max as widening them
        // value by value), so that the loop's stores cannot make the JIT reload them.
        double[] valueSum = ValueSum;
        int[] visitCount = VisitCount;
        int[] parents = Parent;
        float[] rewards = Reward;
        int[] actions = ActionFromParent;
        EdgeStatistics[] edges = Edges;
        int actionCount = ActionCount;
        double discount = Discount;
        double min = MinQ[game], max = MaxQ[game];
        double g = leafValue;
        int offset = game * Capacity;
        int flat = offset + leaf;
        while (true)
        {
            double sum = valueSum[flat] + g;
            int visits = visitCount[flat] + 1;
            valueSum[flat] = sum;
            visitCount[flat] = visits;
            int parent = parents[flat];
            if (parent == NoParent) break;
            double reward = rewards[flat];
            double q = reward + discount * (sum / visits);
            if (q < min) min = q;
            if (q > max) max = q;
            ref EdgeStatistics edge = ref edges[(offset + parent) * actionCount + actions[flat]];
            edge.Q = q;
            edge.Visits = visits;
            g = reward + discount * g;
            flat = offset + parent;
        }
        MinQ[game] = min;
        MaxQ[game] = max;
    }

    /// <summary>Widens the min-max statistics of <paramref name="game"/> to include <paramref name="q"/>.</summary>
    public void UpdateMinMax(int game, double q)
    {
        if (q < MinQ[game]) MinQ[game] = q;
        if (q > MaxQ[game]) MaxQ[game] = q;
    }

    /// <summary>
    /// Q normalized by the game's min-max statistics: (q - min) / (max - min) clamped to [0, 1] once
    /// max &gt; min; before that (no backup yet, or all Q values equal) q itself, as in the paper's pseudocode.
    /// </summary>
    public double Normalize(int game, double q)
    {
        double min = MinQ[game];
        double max = MaxQ[game];
        if (!(max > min)) return q;
        return Math.Clamp((q - min) / (max - min), 0.0, 1.0);
    }
}
