using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>
/// Whole-tree checks: a batched search over four games with different legal masks against the plain
/// recursive references, node by node (visits, value sum, raw value, reward, parent, action, priors,
/// children), and the policy output (actions, action weights, root values) with the random streams
/// drawn in the documented order.
/// </summary>
public sealed class GoldenTreeTests
{
    private const int Actions = 4;

    private static readonly int[] SimulationCounts = [1, 2, 3, 5, 17, 40];

    /// <summary>Four games: all legal, three legal, two legal with no prior mass on them, one legal.</summary>
    private static (TabularModel Model, int[] Roots, bool[] Legal) FourGames()
    {
        var model = new TabularModel(Actions);
        int[] roots =
        [
            model.AddRandomState(11),
            model.AddRandomState(22),
            model.AddRandomState(33, 0.3f, 0.6f, 0f, 0.4f, 0f),
            model.AddRandomState(44),
        ];
        bool[] legal =
        [
            true, true, true, true,
            true, false, true, true,
            false, true, false, true,
            false, false, true, false,
        ];
        return (model, roots, legal);
    }

    /// <param name="twoPlayer">Whether values flip sign between plies.</param>
    /// <param name="noise">Whether the root gets Dirichlet noise.</param>
    /// <param name="unvisited">The Q of unexpanded edges.</param>
    /// <param name="throughSeams">
    /// False: the registry's MuZero policy (the search fuses its descent); true: the same three components with the
    /// Q transform behind a forwarding wrapper, so the search must go through the interfaces node by node.
    /// </param>
    [Theory]
    [InlineData(false, false, UnvisitedValue.Minimum, false)]
    [InlineData(true, false, UnvisitedValue.Minimum, false)]
    [InlineData(false, true, UnvisitedValue.ParentValue, false)]
    [InlineData(true, true, UnvisitedValue.ParentValue, false)]
    [InlineData(true, true, UnvisitedValue.Minimum, false)]
    [InlineData(false, true, UnvisitedValue.Minimum, true)]
    [InlineData(true, true, UnvisitedValue.ParentValue, true)]
    public void MuZeroTreeMatchesTheReferenceNodeByNode(bool twoPlayer, bool noise, UnvisitedValue unvisited, bool throughSeams)
    {
        (TabularModel model, int[] roots, bool[] legal) = FourGames();
        double[] temperatures = [1.0, 0.5, 0.0, 2.0];
        foreach (int simulations in SimulationCounts)
        {
            var config = new SearchConfig { Simulations = simulations, Discount = 0.9, UnvisitedValue = unvisited, DirichletAlpha = 0.3 };
            SearchPolicy policy = SearchPolicyRegistry.Create(config, Actions);
            if (throughSeams) policy = policy with { QTransform = new ForwardingQTransform(policy.QTransform) };
            using var mcts = new BatchedMcts(config, Actions, twoPlayer, policy);
            SearchResult result = Search(mcts, model, roots, legal, noise, temperatures, seed: 7);
            if (policy.QTransform is ForwardingQTransform forwarding) // one call per node on every descent path at least
                Assert.True(forwarding.Calls >= simulations * roots.Length, $"{forwarding.Calls} Q transform calls");

            // The reference draws the same streams: every game's Dirichlet noise first, then the action samples.
            var rng = new Xoshiro256(7);
            var references = new ReferenceMcts[roots.Length];
            var visits = new int[roots.Length][];
            for (int b = 0; b < roots.Length; b++)
            {
                references[b] = new ReferenceMcts(model, config, twoPlayer);
                (visits[b], double rootValue, _) = references[b].Run(roots[b], Row(legal, b), noise ? rng : null);
                Assert.Equal(rootValue, result.RootValues[b], 1e-6);
            }
            for (int b = 0; b < roots.Length; b++)
            {
                string where = $"{simulations} simulations, game {b}";
                AssertSameTree(references[b].Nodes, result.Tree!, b, where);
                Assert.Equal(visits[b], result.Visits(b).ToArray());
                Assert.Equal(ActionSelection.SelectAction(visits[b], temperatures[b], rng), result.Actions[b]);
                for (int a = 0; a < Actions; a++)
                    Assert.Equal(visits[b][a] / (float)simulations, result.Weights(b)[a], 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(false, false, 16)]
    [InlineData(true, false, 16)]
    [InlineData(false, true, 2)]
    [InlineData(true, true, 3)]
    [InlineData(true, true, 16)]
    public void GumbelTreeMatchesTheReferenceNodeByNode(bool twoPlayer, bool noise, int maxConsidered)
    {
        (TabularModel model, int[] roots, bool[] legal) = FourGames();
        foreach (int simulations in SimulationCounts)
        {
            var config = new SearchConfig
            {
                Policy = SearchPolicyRegistry.GumbelMuZero,
                Simulations = simulations,
                Discount = 0.9,
                Gumbel = new GumbelConfig { MaxConsideredActions = maxConsidered, GumbelScale = 0.7 },
            };
            using var mcts = new BatchedMcts(config, Actions, twoPlayer);
            SearchResult result = Search(mcts, model, roots, legal, noise, temperatures: [1.0, 1.0, 1.0, 1.0], seed: 3);

            var rng = new Xoshiro256(3);
            for (int b = 0; b < roots.Length; b++)
            {
                string where = $"{simulations} simulations, game {b}";
                var reference = new ReferenceGumbelMcts(model, config, twoPlayer);
                (int[] visits, int action, double[] weights, double rootValue) = reference.Run(roots[b], Row(legal, b), noise ? rng : null);
                AssertSameTree(reference.Nodes, result.Tree!, b, where);
                Assert.Equal(visits, result.Visits(b).ToArray());
                Assert.Equal(action, result.Actions[b]);
                Assert.Equal(rootValue, result.RootValues[b], 1e-6);
                for (int a = 0; a < Actions; a++) Assert.Equal(weights[a], result.Weights(b)[a], 1e-6);
            }
        }
    }

    /// <summary>Calls another transform: a policy the search cannot recognize as MuZero's own.</summary>
    private sealed class ForwardingQTransform(IQTransform inner) : IQTransform
    {
        public int Calls { get; private set; }

        public void Apply(SearchTree tree, int game, int node, Span<double> q)
        {
            Calls++;
            inner.Apply(tree, game, node, q);
        }
    }

    private static SearchResult Search(BatchedMcts mcts, TabularModel model, int[] roots, bool[] legal, bool noise, double[] temperatures, ulong seed)
    {
        using Tensor observations = TabularModel.Observations(roots); // [B, 1]
        return mcts.Run(model, observations, legal, noise, temperatures, new Xoshiro256(seed), captureTree: true);
    }

    private static bool[] Row(bool[] legal, int game) => legal.AsSpan(game * Actions, Actions).ToArray();

    /// <summary>Every node of <paramref name="expected"/> against node i of game <paramref name="game"/> of the snapshot.</summary>
    private static void AssertSameTree(IReadOnlyList<ReferenceNode> expected, SearchTreeSnapshot tree, int game, string where)
    {
        Assert.Equal(expected.Count, tree.NodeCount);
        for (int i = 0; i < expected.Count; i++)
        {
            ReferenceNode node = expected[i];
            string at = $"{where}, node {i}";
            Assert.True(node.Visits == tree.Visits(game, i), $"{at}: visits {tree.Visits(game, i)}, expected {node.Visits}");
            Assert.True(Math.Abs(node.ValueSum - tree.ValueSum(game, i)) < 1e-9, $"{at}: value sum {tree.ValueSum(game, i)}, expected {node.ValueSum}");
            Assert.True(node.RawValue == tree.RawValue(game, i), $"{at}: raw value {tree.RawValue(game, i)}, expected {node.RawValue}");
            Assert.True(node.Reward == tree.Reward(game, i), $"{at}: reward {tree.Reward(game, i)}, expected {node.Reward}");
            Assert.True(node.Parent == tree.Parent(game, i), $"{at}: parent {tree.Parent(game, i)}, expected {node.Parent}");
            Assert.True(node.Action == tree.Action(game, i), $"{at}: action {tree.Action(game, i)}, expected {node.Action}");
            int[] children = node.Children.Select(c => c?.Index ?? SearchTree.NoChild).ToArray();
            Assert.True(children.SequenceEqual(tree.Children(game, i).ToArray()),
                $"{at}: children [{string.Join(", ", tree.Children(game, i).ToArray())}], expected [{string.Join(", ", children)}]");
            for (int a = 0; a < Actions; a++)
                Assert.True(Math.Abs(node.Prior[a] - tree.Priors(game, i)[a]) < 1e-7, $"{at}: prior {a} {tree.Priors(game, i)[a]}, expected {node.Prior[a]}");
        }
    }
}
