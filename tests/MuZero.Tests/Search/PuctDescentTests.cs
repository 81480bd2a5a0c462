using MuZero.Randomness;
using MuZero.Search;
using MuZero.Search.Policies;

namespace MuZero.Tests.Search;

/// <summary>The fused descent and the edge block it reads against the node arrays and <see cref="Puct.SelectWithMinMaxQ"/> step by step.</summary>
public sealed class PuctDescentTests
{
    private const int Actions = 3;

    [Theory]
    [InlineData(0.9, UnvisitedValue.Minimum)]
    [InlineData(-0.9, UnvisitedValue.ParentValue)]
    [InlineData(1.0, UnvisitedValue.ParentValue)]
    public void DescentAndEdgesMatchTheNodeArraysOnRandomTrees(double discount, UnvisitedValue unvisited)
    {
        const int games = 3, capacity = 60;
        var rng = new Xoshiro256(5);
        var tree = new SearchTree(games, capacity, Actions, discount);
        var descent = new PuctDescent(1.25, 19652, unvisited, capacity);
        bool[][] legal = [[true, true, true], [false, true, true], [true, false, false]];
        for (int b = 0; b < games; b++) tree.InitializeRoot(b, (float)rng.NextDouble(), RandomPriors(rng), legal[b]);
        for (int node = 1; node < capacity; node++)
        {
            for (int b = 0; b < games; b++)
            {
                int parent = descent.Descend(tree, b, out int action);
                (int expectedParent, int expectedAction) = ReferenceDescent(tree, b, unvisited);
                Assert.Equal(expectedParent, parent);
                Assert.Equal(expectedAction, action);
                // Large rewards and values, so that min-max normalization clamps and spreads.
                float value = (float)(4 * rng.NextDouble() - 2), reward = (float)(2 * rng.NextDouble() - 1);
                tree.AddChild(b, parent, action, node, reward, value, RandomPriors(rng));
                tree.Backup(b, node, value);
                AssertEdgesMatchNodes(tree, b, node + 1);
            }
        }
    }

    /// <summary>The descent as the search made it before the fused loop: <see cref="Puct.SelectWithMinMaxQ"/> node by node.</summary>
    private static (int Parent, int Action) ReferenceDescent(SearchTree tree, int game, UnvisitedValue unvisited)
    {
        int node = 0;
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        while (true)
        {
            int action = Puct.SelectWithMinMaxQ(tree, game, node, legal, 1.25, 19652, unvisited);
            int child = tree.Children[tree.EdgeIndex(game, node) + action];
            if (child == SearchTree.NoChild) return (node, action);
            node = child;
            legal = default;
        }
    }

    private static void AssertEdgesMatchNodes(SearchTree tree, int game, int nodes)
    {
        for (int node = 0; node < nodes; node++)
        {
            int edge = tree.EdgeIndex(game, node);
            for (int a = 0; a < Actions; a++)
            {
                EdgeStatistics e = tree.Edges[edge + a];
                Assert.Equal(tree.Prior[edge + a], e.Prior);
                int child = tree.Children[edge + a];
                if (child == SearchTree.NoChild)
                {
                    Assert.Equal(0, e.Visits);
                    continue;
                }
                int flat = tree.NodeIndex(game, child);
                Assert.Equal(tree.VisitCount[flat], e.Visits);
                Assert.Equal(tree.Q(game, node, a), e.Q); // bit for bit: the same expression
            }
        }
    }

    private static float[] RandomPriors(Xoshiro256 rng)
    {
        var p = new float[Actions];
        double sum = 0;
        for (int a = 0; a < Actions; a++) sum += p[a] = (float)rng.NextDouble();
        for (int a = 0; a < Actions; a++) p[a] = (float)(p[a] / sum);
        return p;
    }
}
