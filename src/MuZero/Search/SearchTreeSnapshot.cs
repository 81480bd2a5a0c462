namespace MuZero.Search;

/// <summary>
/// A read-only copy of every game's tree after a search (mctx's <c>search_tree</c> of a <c>PolicyOutput</c>),
/// for inspection and visualization. Node 0 of each game is the root; node i + 1 was created by simulation i,
/// so a node's parent always has a smaller index and walking nodes 0..<see cref="NodeCount"/>-1 visits parents
/// before children. Per-node values are from the point of view of the player to move at that node.
/// </summary>
public sealed class SearchTreeSnapshot
{
    private readonly int[] _visits;
    private readonly double[] _valueSums;
    private readonly float[] _rawValues;
    private readonly float[] _rewards;
    private readonly int[] _parents;
    private readonly int[] _actions;
    private readonly float[] _priors;
    private readonly int[] _children;
    private readonly bool[] _rootLegal;

    /// <summary>Copies <paramref name="tree"/> (all of its <see cref="SearchTree.Capacity"/> nodes per game).</summary>
    public SearchTreeSnapshot(SearchTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        BatchSize = tree.BatchSize;
        NodeCount = tree.Capacity;
        ActionCount = tree.ActionCount;
        Discount = tree.Discount;
        _visits = (int[])tree.VisitCount.Clone();
        _valueSums = (double[])tree.ValueSum.Clone();
        _rawValues = (float[])tree.RawValue.Clone();
        _rewards = (float[])tree.Reward.Clone();
        _parents = (int[])tree.Parent.Clone();
        _actions = (int[])tree.ActionFromParent.Clone();
        _priors = (float[])tree.Prior.Clone();
        _children = (int[])tree.Children.Clone();
        _rootLegal = (bool[])tree.RootLegal.Clone();
    }

    /// <summary>Number of games B.</summary>
    public int BatchSize { get; }

    /// <summary>Nodes per game (S + 1 after a search of S simulations).</summary>
    public int NodeCount { get; }

    /// <summary>Number of actions A.</summary>
    public int ActionCount { get; }

    /// <summary>Signed discount d of Q = r + d V(child): +gamma (single player) or -gamma (two-player zero-sum).</summary>
    public double Discount { get; }

    /// <summary>Visit count N of a node (1 for its own expansion + one per simulation through it).</summary>
    public int Visits(int game, int node) => _visits[Index(game, node)];

    /// <summary>Sum of the values backed up into a node (its own network value included).</summary>
    public double ValueSum(int game, int node) => _valueSums[Index(game, node)];

    /// <summary>Mean value V of a node: <see cref="ValueSum"/> / <see cref="Visits"/>.</summary>
    public double Value(int game, int node)
    {
        int i = Index(game, node);
        return _valueSums[i] / _visits[i];
    }

    /// <summary>The network's value of a node when it was expanded.</summary>
    public float RawValue(int game, int node) => _rawValues[Index(game, node)];

    /// <summary>Reward of the edge into a node (0 at the root), from the point of view of the player who acted.</summary>
    public float Reward(int game, int node) => _rewards[Index(game, node)];

    /// <summary>Parent of a node; <see cref="SearchTree.NoParent"/> for the root.</summary>
    public int Parent(int game, int node) => _parents[Index(game, node)];

    /// <summary>Action from the parent into a node; -1 for the root.</summary>
    public int Action(int game, int node) => _actions[Index(game, node)];

    /// <summary>Prior probabilities of a node's actions [A] (the root's after masking and noise).</summary>
    public ReadOnlySpan<float> Priors(int game, int node) => _priors.AsSpan(Index(game, node) * ActionCount, ActionCount);

    /// <summary>Children of a node by action [A]; <see cref="SearchTree.NoChild"/> for unexpanded edges.</summary>
    public ReadOnlySpan<int> Children(int game, int node) => _children.AsSpan(Index(game, node) * ActionCount, ActionCount);

    /// <summary>The legal root actions of a game [A].</summary>
    public ReadOnlySpan<bool> RootLegal(int game) => _rootLegal.AsSpan(game * ActionCount, ActionCount);

    /// <summary>Q(s, a) = r + d V(child) of an expanded edge; <see cref="double.NaN"/> for an unexpanded one.</summary>
    public double Q(int game, int node, int action)
    {
        int child = Children(game, node)[action];
        if (child == SearchTree.NoChild) return double.NaN;
        return Reward(game, child) + Discount * Value(game, child);
    }

    private int Index(int game, int node)
    {
        if ((uint)game >= (uint)BatchSize) throw new ArgumentOutOfRangeException(nameof(game), $"Game {game} is not in [0, {BatchSize}).");
        if ((uint)node >= (uint)NodeCount) throw new ArgumentOutOfRangeException(nameof(node), $"Node {node} is not in [0, {NodeCount}).");
        return game * NodeCount + node;
    }
}
