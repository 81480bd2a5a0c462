using MuZero.Randomness;
using MuZero.Search;
using MuZero.Search.Policies;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>The pieces of Gumbel MuZero on small cases computed by hand.</summary>
public sealed class GumbelMuZeroTests
{
    [Fact]
    public void SequentialHalvingScheduleByHand()
    {
        // n = 8, k = 4: 2 phases; 4 actions x max(1, 8 / (2 * 4)) = 1 visit, then 2 actions x 8 / (2 * 2) = 2 visits.
        Assert.Equal([0, 0, 0, 0, 1, 1, 2, 2], SequentialHalving.ConsideredVisits(4, 8));
        // n = 16, k = 16: the first phase (16 x max(1, 16 / 64) = 1 visit) spends the budget.
        Assert.Equal(new int[16], SequentialHalving.ConsideredVisits(16, 16));
        // n = 4, k = 2: 1 phase, 2 actions x 4 / 2 = 2 visits each.
        Assert.Equal([0, 0, 1, 1], SequentialHalving.ConsideredVisits(2, 4));
        // k = 1: the one action takes every simulation.
        Assert.Equal([0, 1, 2, 3, 4], SequentialHalving.ConsideredVisits(1, 5));
        // n < k: the budget ends inside the first phase.
        Assert.Equal([0, 0, 0], SequentialHalving.ConsideredVisits(4, 3));
        // k = 3, n = 32: 2 phases; 3 x 5 visits, then 2 x 8 visits, then 2 more actions (halving stops at 2), cut at 32.
        int[] expected32 = [.. Rounds(3, 0, 5), .. Rounds(2, 5, 8), 13];
        Assert.Equal(expected32, SequentialHalving.ConsideredVisits(3, 32));
    }

    [Fact]
    public void SequentialHalvingScheduleForFiftySimulationsOfSixteenActions()
    {
        // 4 phases: 16 x max(1, 50 / 64) = 1; 8 x max(1, 50 / 32) = 1; 4 x 50 / 16 = 3; 2 x 50 / 8 = 6; then
        // 2 actions again (6 more rounds) until 50 simulations: 16 + 8 + 12 + 12 + 2.
        int[] expected = [.. Rounds(16, 0, 1), .. Rounds(8, 1, 1), .. Rounds(4, 2, 3), .. Rounds(2, 5, 6), 11, 11];
        Assert.Equal(50, expected.Length);
        Assert.Equal(expected, SequentialHalving.ConsideredVisits(16, 50));
    }

    /// <summary><paramref name="rounds"/> rounds of <paramref name="actions"/> visits, starting at <paramref name="from"/> visits.</summary>
    private static IEnumerable<int> Rounds(int actions, int from, int rounds) =>
        Enumerable.Range(from, rounds).SelectMany(v => Enumerable.Repeat(v, actions));

    [Fact]
    public void CompletedQAndSigmaOnAHandMadeRoot()
    {
        // Root: raw value 0.2, priors [0.5, 0.3, 0.2, 0], action 3 illegal, discount 0.9.
        // Action 0: reward 0.1, child value 0.5, 1 visit  -> Q = 0.1 + 0.9 * 0.5 = 0.55.
        // Action 1: reward 0, child value -0.4, then its own child (reward 0.2, value 0.3) -> G = 0.47,
        //           V = (-0.4 + 0.47) / 2 = 0.035, 2 visits -> Q = 0.9 * 0.035 = 0.0315.
        // Action 2: unvisited.
        var tree = new SearchTree(1, 4, 4, discount: 0.9);
        tree.InitializeRoot(0, 0.2f, [0.5f, 0.3f, 0.2f, 0f], [true, true, true, false]);
        tree.AddChild(0, 0, 0, 1, 0.1f, 0.5f, Uniform(4));
        tree.Backup(0, 1, 0.5f);
        tree.AddChild(0, 0, 1, 2, 0f, -0.4f, Uniform(4));
        tree.Backup(0, 2, -0.4f);
        tree.AddChild(0, 2, 0, 3, 0.2f, 0.3f, Uniform(4));
        tree.Backup(0, 3, 0.3f);

        // Mixed value: (0.2 + 3 (0.5 * 0.55 + 0.3 * 0.0315) / 0.8) / 4 = 0.316671875 completes action 2.
        // Rescaled over the legal actions: min 0.0315, max 0.55 -> [1, 0, 0.549994]; sigma = (50 + 2) * 0.1 = 5.2 x that.
        var q = new double[4];
        new CompletedByMixValueQTransform(50, 0.1).Apply(tree, 0, 0, q);
        Assert.Equal(5.2, q[0], 1e-6);
        Assert.Equal(0.0, q[1], 1e-6);
        Assert.Equal(5.2 * (0.316671875 - 0.0315) / (0.55 - 0.0315), q[2], 1e-6);
        Assert.Equal(2.8599686596, q[2], 1e-6);

        // The policy target: softmax(log prior + sigma) over the legal actions, 0 for the illegal one.
        var root = new GumbelRootActionSelection(16, 1.0, simulations: 3, actionCount: 4);
        root.Begin(tree, 0, addNoise: false, new Xoshiro256(1));
        var weights = new float[4];
        int action = root.Decide(tree, 0, [1, 2, 0, 0], q, temperature: 1.0, new Xoshiro256(1), weights);
        double[] e = [0.5 * Math.Exp(5.2), 0.3, 0.2 * Math.Exp(2.8599686596)];
        for (int a = 0; a < 3; a++) Assert.Equal(e[a] / e.Sum(), weights[a], 1e-6);
        Assert.Equal(0f, weights[3]);
        Assert.Equal(1, action); // the most visited action wins, even though action 0 scores higher
    }

    [Fact]
    public void CompletedQOfANodeWithoutVisitsIsZero()
    {
        // No child visited: every action is completed with the raw value, the range is 0 (epsilon) and sigma is 0.
        var tree = new SearchTree(1, 2, 3, discount: 1.0);
        tree.InitializeRoot(0, 0.7f, [0.2f, 0.5f, 0.3f], [true, true, true]);
        var q = new double[3];
        q.AsSpan().Fill(double.NaN);
        new CompletedByMixValueQTransform(50, 0.1).Apply(tree, 0, 0, q);
        Assert.Equal([0.0, 0.0, 0.0], q);
    }

    [Fact]
    public void InteriorSelectionOnAHandMadeNode()
    {
        // Node 1 (below the root): raw value 0.1, priors [0.6, 0.3, 0.1], discount 1.
        // Action 0: two visits, Q = (-0.2 + -0.4) / 2 = -0.3; action 1: one visit, Q = 0.5 + -0.3 = 0.2; action 2 unvisited.
        var tree = new SearchTree(1, 6, 3, discount: 1.0);
        tree.InitializeRoot(0, 0f, Uniform(3), [true, true, true]);
        tree.AddChild(0, 0, 0, 1, 0f, 0.1f, [0.6f, 0.3f, 0.1f]);
        tree.Backup(0, 1, 0.1f);
        tree.AddChild(0, 1, 0, 2, 0f, -0.2f, Uniform(3));
        tree.Backup(0, 2, -0.2f);
        tree.AddChild(0, 2, 0, 3, 0f, -0.4f, Uniform(3));
        tree.Backup(0, 3, -0.4f);
        tree.AddChild(0, 1, 1, 4, 0.5f, -0.3f, Uniform(3));
        tree.Backup(0, 4, -0.3f);

        // Mixed value (0.1 + 3 (0.6 * -0.3 + 0.3 * 0.2) / 0.9) / 4 = -0.075; completed [-0.3, 0.2, -0.075];
        // rescaled [0, 1, 0.45]; sigma = (50 + 2) * 0.1 = 5.2 x that = [0, 5.2, 2.34].
        var q = new double[3];
        new CompletedByMixValueQTransform(50, 0.1).Apply(tree, 0, 1, q);
        Assert.Equal(0.0, q[0], 1e-6);
        Assert.Equal(5.2, q[1], 1e-6);
        Assert.Equal(2.34, q[2], 1e-6);

        // pi' = softmax(log [0.6, 0.3, 0.1] + sigma) = [0.0107, 0.9708, 0.0185]; minus N / (1 + 3) = [0.5, 0.25, 0]:
        // [-0.489, 0.721, 0.019] -> action 1 (not the prior's favourite 0, nor the unvisited 2).
        Assert.Equal(1, new GumbelInteriorActionSelection().Select(tree, 0, 1, 1, q));
    }

    [Fact]
    public void ImprovedPolicyOfABanditPutsMostMassOnTheBestArm()
    {
        // Three arms with rewards 0.1, 0.9, 0.5 and nothing after them (every later value and reward 0): Q(a) = r(a).
        var model = new TabularModel(3);
        int terminal = model.AddTerminal();
        int root = model.AddState(0f, 1f / 3, 1f / 3, 1f / 3);
        float[] rewards = [0.1f, 0.9f, 0.5f];
        for (int a = 0; a < 3; a++) model.Connect(root, a, terminal, rewards[a]);

        var config = new SearchConfig { Policy = SearchPolicyRegistry.GumbelMuZero, Simulations = 32, Discount = 1.0 };
        using var mcts = new BatchedMcts(config, 3, twoPlayer: false);
        using Tensor observations = TabularModel.Observations(root); // [1, 1]
        SearchResult result = mcts.Run(model, observations, [true, true, true], addNoise: false, new Xoshiro256(1));

        // k = 3, 32 simulations: 5 visits each, then the two best arms (1, 2) alternate from 5 to 13, then arm 1 once more.
        Assert.Equal([5, 14, 13], result.Visits(0).ToArray());
        Assert.Equal(1, result.Actions[0]);
        // sigma = (50 + 14) * 0.1 * [0, 1, 0.5]; uniform prior -> weights = softmax([0, 6.4, 3.2]).
        double[] e = [1, Math.Exp(6.4), Math.Exp(3.2)];
        for (int a = 0; a < 3; a++) Assert.Equal(e[a] / e.Sum(), result.Weights(0)[a], 1e-5);
        Assert.True(result.Weights(0)[1] > 0.95f);
    }

    [Fact]
    public void TwoSimulationsWithTwoConsideredActionsVisitTheTopTwoByLogitsPlusGumbel()
    {
        var model = new TabularModel(4);
        int[] roots = [model.AddRandomState(5), model.AddRandomState(6), model.AddRandomState(7, 0.1f, 0.5f, 0f, 0.5f, 0f)];
        bool[] legal =
        [
            true, true, true, true,
            true, true, false, true,
            true, false, true, true,
        ];
        var config = new SearchConfig
        {
            Policy = SearchPolicyRegistry.GumbelMuZero,
            Simulations = 2,
            Gumbel = new GumbelConfig { MaxConsideredActions = 2 },
        };
        using var mcts = new BatchedMcts(config, 4, twoPlayer: false);
        using Tensor observations = TabularModel.Observations(roots); // [3, 1]
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4 })
        {
            SearchResult result = mcts.Run(model, observations, legal, addNoise: true, new Xoshiro256(seed));
            var rng = new Xoshiro256(seed); // the documented draw order: A Gumbel variables per game, games in order
            for (int b = 0; b < roots.Length; b++)
            {
                bool[] row = legal.AsSpan(b * 4, 4).ToArray();
                double[] prior = ReferenceNode.MaskedRootPrior(model, roots[b], row);
                double[] score = Enumerable.Range(0, 4).Select(_ => rng.NextGumbel()).ToArray();
                int[] top = Enumerable.Range(0, 4).Where(a => row[a])
                    .OrderByDescending(a => Math.Log(Math.Max(prior[a], float.Epsilon)) + score[a]).Take(2).ToArray();
                int[] expected = Enumerable.Range(0, 4).Select(a => top.Contains(a) ? 1 : 0).ToArray();
                Assert.Equal(expected, result.Visits(b).ToArray());
                Assert.Contains(result.Actions[b], top);
            }
        }
    }

    [Fact]
    public void WithoutNoiseTheSearchIsDeterministicAndDrawsNothing()
    {
        var model = new TabularModel(4);
        int[] roots = [model.AddRandomState(8), model.AddRandomState(9)];
        bool[] legal = [true, false, true, true, true, true, true, false];
        var config = new SearchConfig { Policy = SearchPolicyRegistry.GumbelMuZero, Simulations = 12 };
        using var mcts = new BatchedMcts(config, 4, twoPlayer: true);
        using Tensor observations = TabularModel.Observations(roots); // [2, 1]
        var rng = new Xoshiro256(1);
        ulong[] before = rng.GetState();
        SearchResult first = mcts.Run(model, observations, legal, addNoise: false, rng);
        Assert.Equal(before, rng.GetState());
        SearchResult second = mcts.Run(model, observations, legal, addNoise: false, new Xoshiro256(99));
        Assert.Equal(first.VisitCounts, second.VisitCounts);
        Assert.Equal(first.Actions, second.Actions);
        Assert.Equal(first.ActionWeights, second.ActionWeights);

        var noisyRng = new Xoshiro256(1);
        mcts.Run(model, observations, legal, addNoise: true, noisyRng);
        var expectedState = new Xoshiro256(1);
        for (int i = 0; i < 2 * 4; i++) expectedState.NextGumbel(); // A Gumbel variables per game
        Assert.Equal(expectedState.GetState(), noisyRng.GetState());
        for (int b = 0; b < 2; b++)
        {
            Assert.Equal(1f, first.Weights(b).ToArray().Sum(), 1e-5);
            for (int a = 0; a < 4; a++)
                if (!legal[b * 4 + a]) Assert.Equal(0f, first.Weights(b)[a]);
        }
    }

    [Fact]
    public void ParallelTreeWorkGivesTheSameResultAsSequential()
    {
        var model = new TabularModel(4);
        int[] roots = Enumerable.Range(0, 9).Select(i => model.AddRandomState(200UL + (ulong)i)).ToArray();
        bool[] legal = Enumerable.Range(0, roots.Length * 4).Select(i => i % 5 != 1).ToArray();
        var config = new SearchConfig { Policy = SearchPolicyRegistry.GumbelMuZero, Simulations = 25, Gumbel = new GumbelConfig { MaxConsideredActions = 3 } };
        using var parallel = new BatchedMcts(config with { ParallelThreshold = 1 }, 4, twoPlayer: true);
        using var sequential = new BatchedMcts(config with { ParallelThreshold = 1000 }, 4, twoPlayer: true);
        using Tensor observations = TabularModel.Observations(roots); // [9, 1]
        SearchResult p = parallel.Run(model, observations, legal, addNoise: true, new Xoshiro256(4));
        SearchResult s = sequential.Run(model, observations, legal, addNoise: true, new Xoshiro256(4));
        Assert.Equal(s.VisitCounts, p.VisitCounts);
        Assert.Equal(s.Actions, p.Actions);
        Assert.Equal(s.ActionWeights, p.ActionWeights);
        Assert.Equal(s.RootValues, p.RootValues);
    }

    private static float[] Uniform(int actions) => Enumerable.Repeat(1f / actions, actions).ToArray();
}
