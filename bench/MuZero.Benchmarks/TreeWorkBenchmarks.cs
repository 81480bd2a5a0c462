using BenchmarkDotNet.Attributes;
using MuZero.Search;
using MuZero.Search.Policies;

namespace MuZero.Benchmarks;

/// <summary>
/// The host tree work of one MuZero search (pUCT over min-max Q, 50 simulations) over B games on one thread, without
/// a network: <see cref="WholeSearch"/> is what the search does now (edge block, table-driven fused descent, backup that
/// keeps the edges), <see cref="WholeSearchBefore"/> the same tree work as the search did it before (node arrays read per
/// child, <see cref="Puct.SelectWithMinMaxQ"/> at every node, log and square root per node). Both make the same tree.
/// The descent benchmarks time one part of the search: a descent of every game in trees of S / 2 nodes. (The "before"
/// runs use today's <see cref="SearchTree.AddChild"/>, which also fills the edge block: they are slightly slower than
/// the old search was.)
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/MuZero.Benchmarks -- --filter '*TreeWork*'</c>.</remarks>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(12)]
public class TreeWorkBenchmarks
{
    private const double PbCInit = 1.25, PbCBase = 19652;

    private SyntheticSearch _data = null!;
    private SearchTree _tree = null!;
    private PuctDescent _descent = null!;
    private int[] _leafParent = [];
    private int[] _leafAction = [];

    /// <summary>Games searched at once.</summary>
    [Params(1024)]
    public int Batch { get; set; }

    /// <summary>Actions: CartPole 2, Connect Four 7, TicTacToe 9.</summary>
    [Params(2, 7, 9)]
    public int Actions { get; set; }

    /// <summary>Simulations per search.</summary>
    public int Simulations { get; set; } = 50;

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticSearch(Batch, Simulations, Actions, seed: 1);
        _tree = new SearchTree(Batch, Simulations + 1, Actions, discount: 0.997);
        _descent = new PuctDescent(PbCInit, PbCBase, UnvisitedValue.Minimum, Simulations + 1);
        _leafParent = new int[Batch];
        _leafAction = new int[Batch];
    }

    [IterationSetup(Targets = [nameof(DescentOnly), nameof(DescentOnlyBefore)])]
    public void HalfGrownTrees()
    {
        Roots();
        for (int s = 0; s < Simulations / 2; s++) Simulation(s, before: false);
    }

    /// <summary>The tree work of a whole search, as the search does it now.</summary>
    [Benchmark]
    public void WholeSearch()
    {
        Roots();
        for (int s = 0; s < Simulations; s++) Simulation(s, before: false);
    }

    /// <summary>The tree work of a whole search, as the search did it before the edge block.</summary>
    [Benchmark(Baseline = true)]
    public void WholeSearchBefore()
    {
        Roots();
        for (int s = 0; s < Simulations; s++) Simulation(s, before: true);
    }

    /// <summary>One descent of every game (the fused loop over the edge block).</summary>
    [Benchmark]
    public int DescentOnly()
    {
        int sum = 0;
        for (int b = 0; b < Batch; b++) sum += _descent.Descend(_tree, b, out _);
        return sum;
    }

    /// <summary>One descent of every game, <see cref="Puct.SelectWithMinMaxQ"/> node by node.</summary>
    [Benchmark]
    public int DescentOnlyBefore()
    {
        int sum = 0;
        for (int b = 0; b < Batch; b++) sum += DescendBefore(_tree, b, out _);
        return sum;
    }

    private void Roots()
    {
        for (int b = 0; b < Batch; b++) _tree.InitializeRoot(b, _data.Values[b], _data.PriorRow(0, b), _data.Legal.AsSpan(b * Actions, Actions));
    }

    /// <summary>
    /// <see cref="WholeSearch"/> with every descent made twice (the second result kept, the same one): the difference to
    /// <see cref="WholeSearch"/> is the descents' share of the tree work.
    /// </summary>
    [Benchmark]
    public void WholeSearchDescendingTwice()
    {
        Roots();
        for (int s = 0; s < Simulations; s++) Simulation(s, before: false, descents: 2);
    }

    private void Simulation(int simulation, bool before, int descents = 1)
    {
        int node = simulation + 1;
        int row = (simulation + 1) * Batch;
        for (int b = 0; b < Batch; b++)
        {
            for (int d = 0; d < descents; d++)
                _leafParent[b] = before ? DescendBefore(_tree, b, out _leafAction[b]) : _descent.Descend(_tree, b, out _leafAction[b]);
        }
        for (int b = 0; b < Batch; b++)
        {
            float value = _data.Values[row + b];
            _tree.AddChild(b, _leafParent[b], _leafAction[b], node, _data.Rewards[row + b], value, _data.PriorRow(simulation + 1, b));
            if (before) BackupBefore(_tree, b, node, value);
            else _tree.Backup(b, node, value);
        }
    }

    /// <summary>The descent of the search before the edge block: pUCT with min-max Q node by node from the node arrays.</summary>
    private static int DescendBefore(SearchTree tree, int game, out int action)
    {
        int node = 0;
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        while (true)
        {
            action = Puct.SelectWithMinMaxQ(tree, game, node, legal, PbCInit, PbCBase, UnvisitedValue.Minimum);
            int child = tree.Children[tree.EdgeIndex(game, node) + action];
            if (child == SearchTree.NoChild) return node;
            node = child;
            legal = default;
        }
    }

    /// <summary>The backup of the search before the edge block: node arrays and min-max statistics only.</summary>
    private static void BackupBefore(SearchTree tree, int game, int leaf, double leafValue)
    {
        double discount = tree.Discount;
        double g = leafValue;
        int node = leaf;
        int offset = game * tree.Capacity;
        while (true)
        {
            int flat = offset + node;
            tree.ValueSum[flat] += g;
            tree.VisitCount[flat] += 1;
            int parent = tree.Parent[flat];
            if (parent == SearchTree.NoParent) return;
            double reward = tree.Reward[flat];
            tree.UpdateMinMax(game, reward + discount * (tree.ValueSum[flat] / tree.VisitCount[flat]));
            g = reward + discount * g;
            node = parent;
        }
    }
}
