using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

public sealed class BatchedMctsTests
{
    private const int Actions = 4;

    /// <summary>Three games with different trees and masks; game 2's model puts no mass on its legal actions.</summary>
    private static (TabularModel Model, int[] Roots, bool[] Legal) ThreeGames()
    {
        var model = new TabularModel(Actions);
        int[] roots =
        [
            model.AddRandomState(11),
            model.AddRandomState(22),
            model.AddRandomState(33, 0.3f, 0.6f, 0f, 0.4f, 0f),
        ];
        bool[] legal =
        [
            true, true, true, true,
            true, false, true, true,
            false, true, false, true,
        ];
        return (model, roots, legal);
    }

    private static SearchResult Search(BatchedMcts mcts, TabularModel model, int[] roots, bool[] legal, bool addNoise = false, ulong seed = 1)
    {
        using Tensor observations = TabularModel.Observations(roots); // [B, 1]
        return mcts.Run(model, observations, legal, addNoise, new Xoshiro256(seed));
    }

    [Theory]
    [InlineData(false, UnvisitedValue.Minimum)]
    [InlineData(false, UnvisitedValue.ParentValue)]
    [InlineData(true, UnvisitedValue.Minimum)]
    [InlineData(true, UnvisitedValue.ParentValue)]
    public void MatchesRecursiveReferenceVisitsAndValues(bool twoPlayer, UnvisitedValue unvisited)
    {
        (TabularModel model, int[] roots, bool[] legal) = ThreeGames();
        foreach (int simulations in new[] { 1, 2, 3, 4, 5, 6, 12, 40 })
        {
            var config = new SearchConfig { Simulations = simulations, Discount = 0.95, UnvisitedValue = unvisited };
            using var mcts = new BatchedMcts(config, Actions, twoPlayer);
            int callsBefore = model.RecurrentCalls;
            SearchResult result = Search(mcts, model, roots, legal);

            // One batched model call per simulation, always for the whole batch.
            Assert.Equal(simulations, model.RecurrentCalls - callsBefore);
            Assert.Equal([3L], model.RecurrentBatchSizes);

            for (int b = 0; b < roots.Length; b++)
            {
                bool[] gameLegal = legal.AsSpan(b * Actions, Actions).ToArray();
                (int[] visits, double rootValue, double[] rootPrior) =
                    new ReferenceMcts(model, config, twoPlayer).Run(roots[b], gameLegal);
                Assert.Equal(visits, result.Visits(b).ToArray());
                Assert.Equal(rootValue, result.RootValues[b], 1e-5);
                for (int a = 0; a < Actions; a++) Assert.Equal(rootPrior[a], result.RootPriors[b * Actions + a], 1e-6);
                Assert.Equal(simulations, visits.Sum());
            }
        }
    }

    [Fact]
    public void HandComputedTwoSimulationTree()
    {
        // Root value 0.5, priors [0.7, 0.3]; child 0: reward 1, value 2; child 1: reward 0, value -1.
        var model = new TabularModel(2);
        int terminal = model.AddTerminal();
        int root = model.AddState(0.5f, 0.7f, 0.3f);
        int left = model.AddState(2f, 0.5f, 0.5f);
        int right = model.AddState(-1f, 0.5f, 0.5f);
        model.Connect(root, 0, left, 1f);
        model.Connect(root, 1, right, 0f);
        foreach (int s in new[] { left, right }) { model.Connect(s, 0, terminal, 0f); model.Connect(s, 1, terminal, 0f); }

        var config = new SearchConfig { Simulations = 2, Discount = 0.5 };
        using var mcts = new BatchedMcts(config, 2, twoPlayer: false);
        SearchResult result = Search(mcts, model, [root], [true, true]);
        // Sim 1 takes the higher prior (action 0): root sum 0.5 + (1 + 0.5 * 2) = 2.5, N = 2; stats {2}.
        // Sim 2: Q(0) = 2 unnormalized (max == min) beats 0 + 0.3 * ..., so action 0 again: it expands left's action 0
        // (terminal, value 0): left sum 2 + 0 = 2, N 2 -> Q = 1 + 0.5 * 1 = 1.5; root G = 1 + 0.5 * 0 = 1.
        Assert.Equal([2, 0], result.Visits(0).ToArray());
        Assert.Equal((0.5f + 2f + 1f) / 3f, result.RootValues[0], 1e-6);
    }

    [Fact]
    public void FindsOptimalActionBehindGreedyPriorTrap()
    {
        // Action 0 has 90 % prior and a deceptively high value, but every continuation costs -1;
        // action 1 looks worse at first and leads to +1.
        var model = new TabularModel(2);
        int terminal = model.AddTerminal();
        int root = model.AddState(0f, 0.9f, 0.1f);
        int trap = model.AddState(0.9f, 0.5f, 0.5f);
        int good = model.AddState(0f, 0.5f, 0.5f);
        model.Connect(root, 0, trap, 0f);
        model.Connect(root, 1, good, 0f);
        model.Connect(trap, 0, terminal, -1f);
        model.Connect(trap, 1, terminal, -1f);
        model.Connect(good, 0, terminal, 1f);
        model.Connect(good, 1, terminal, 0.5f);

        using var mcts = new BatchedMcts(new SearchConfig { Simulations = 200, Discount = 1.0 }, 2, twoPlayer: false);
        SearchResult result = Search(mcts, model, [root], [true, true]);
        int[] visits = result.Visits(0).ToArray();
        Assert.True(visits[1] > visits[0], $"visits [{string.Join(", ", visits)}]");
        Assert.Equal(1, ActionSelection.SelectAction(visits, 0, new Xoshiro256(0)));
        Assert.True(result.RootValues[0] > 0.5f, $"root value {result.RootValues[0]}");
    }

    [Fact]
    public void IllegalRootActionsAreNeverVisitedWithNoise()
    {
        (TabularModel model, int[] roots, bool[] legal) = ThreeGames();
        var config = new SearchConfig { Simulations = 60, DirichletAlpha = 0.3, ExplorationFraction = 0.5 };
        using var mcts = new BatchedMcts(config, Actions, twoPlayer: false);
        SearchResult noisy = Search(mcts, model, roots, legal, addNoise: true, seed: 5);
        SearchResult again = Search(mcts, model, roots, legal, addNoise: true, seed: 5);
        SearchResult plain = Search(mcts, model, roots, legal, addNoise: false);

        for (int i = 0; i < legal.Length; i++)
        {
            if (legal[i]) continue;
            Assert.Equal(0, noisy.VisitCounts[i]);
            Assert.Equal(0f, noisy.RootPriors[i]);
        }
        for (int b = 0; b < roots.Length; b++)
        {
            Assert.Equal(1f, noisy.RootPriors.AsSpan(b * Actions, Actions).ToArray().Sum(), 1e-5);
            Assert.Equal(config.Simulations, noisy.Visits(b).ToArray().Sum());
        }
        Assert.NotEqual(plain.RootPriors, noisy.RootPriors);   // the noise is really there
        Assert.Equal(noisy.RootPriors, again.RootPriors);       // and reproducible from the seed
        Assert.Equal(noisy.VisitCounts, again.VisitCounts);
    }

    [Theory]
    [InlineData(UnvisitedValue.Minimum)]
    [InlineData(UnvisitedValue.ParentValue)]
    public void IllegalRootActionIsNeverSelectedEvenWhenItsDefaultQIsBest(UnvisitedValue unvisited)
    {
        // The only legal action leads to Q = -2, below the default Q of an unvisited edge, so an
        // unmasked descent would take the (zero-prior) illegal action from the second simulation on.
        var model = new TabularModel(2);
        int terminal = model.AddTerminal();
        int root = model.AddState(1f, 0.5f, 0.5f);
        int bad = model.AddState(-1f, 0.5f, 0.5f);
        model.Connect(root, 0, bad, -1f);
        model.Connect(root, 1, terminal, 0f);
        model.Connect(bad, 0, terminal, 0f);
        model.Connect(bad, 1, terminal, 0f);

        using var mcts = new BatchedMcts(new SearchConfig { Simulations = 10, UnvisitedValue = unvisited }, 2, twoPlayer: false);
        SearchResult result = Search(mcts, model, [root], [true, false]);
        Assert.Equal([10, 0], result.Visits(0).ToArray());
        Assert.Equal([1f, 0f], result.RootPriors);
    }

    [Fact]
    public void BatchedGamesMatchGamesSearchedAlone()
    {
        (TabularModel model, int[] roots, bool[] legal) = ThreeGames();
        foreach (int threshold in new[] { 1, 64 }) // parallel and sequential tree work
        {
            var config = new SearchConfig { Simulations = 30, ParallelThreshold = threshold };
            using var together = new BatchedMcts(config, Actions, twoPlayer: true);
            using var alone = new BatchedMcts(config, Actions, twoPlayer: true);
            SearchResult batch = Search(together, model, roots, legal);
            for (int b = 0; b < roots.Length; b++)
            {
                SearchResult single = Search(alone, model, [roots[b]], legal.AsSpan(b * Actions, Actions).ToArray());
                Assert.Equal(single.Visits(0).ToArray(), batch.Visits(b).ToArray());
                Assert.Equal(single.RootValues[0], batch.RootValues[b]);
                Assert.Equal(single.RootPriors, batch.RootPriors.AsSpan(b * Actions, Actions).ToArray());
            }
        }
    }

    [Fact]
    public void AReusedResultIsRewrittenAsAFreshOneWouldBe()
    {
        var model = new TabularModel(Actions);
        int[][] rootSets = [.. Enumerable.Range(0, 3).Select(set => Enumerable.Range(0, 6).Select(i => model.AddRandomState(200UL + (ulong)(10 * set + i))).ToArray())];
        bool[] legal = Enumerable.Range(0, 6 * Actions).Select(i => i % 4 != 2).ToArray();
        var config = new SearchConfig { Simulations = 20 };
        using var fresh = new BatchedMcts(config, Actions, twoPlayer: true);
        using var reusing = new BatchedMcts(config, Actions, twoPlayer: true);
        var reused = new SearchResult(6, Actions);
        for (int set = 0; set < rootSets.Length; set++)
        {
            using var observations = TabularModel.Observations(rootSets[set]);
            bool capture = set == 1; // a tree once, then none again
            double[] temperatures = [1, 1, 1, 0.5, 0.5, 0];
            SearchResult expected = fresh.Run(model, observations, legal, addNoise: true, temperatures, new Xoshiro256(9), capture);
            reusing.Run(model, observations, legal, addNoise: true, temperatures, new Xoshiro256(9), reused, capture);
            Assert.Equal(expected.VisitCounts, reused.VisitCounts);
            Assert.Equal(expected.RootValues, reused.RootValues);
            Assert.Equal(expected.RootPriors, reused.RootPriors);
            Assert.Equal(expected.Actions, reused.Actions);
            Assert.Equal(expected.ActionWeights, reused.ActionWeights);
            Assert.Equal(capture, reused.Tree is not null);
        }
        using var five = TabularModel.Observations(rootSets[0][..5]);
        var e = Assert.Throws<ArgumentException>(() => reusing.Run(model, five, legal[..(5 * Actions)], false, [], new Xoshiro256(1), reused));
        Assert.StartsWith("The result holds 6 games of 4 actions, the search 5 of 4.", e.Message);
    }

    [Fact]
    public void ParallelTreeWorkGivesTheSameResultAsSequential()
    {
        var model = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, 9).Select(i => model.AddRandomState(100UL + (ulong)i)).ToArray();
        bool[] legal = Enumerable.Range(0, roots.Length * Actions).Select(i => i % 5 != 1).ToArray();
        using var parallel = new BatchedMcts(new SearchConfig { Simulations = 25, ParallelThreshold = 1 }, Actions, false);
        using var sequential = new BatchedMcts(new SearchConfig { Simulations = 25, ParallelThreshold = 1000 }, Actions, false);
        SearchResult p = Search(parallel, model, roots, legal);
        SearchResult s = Search(sequential, model, roots, legal);
        Assert.Equal(s.VisitCounts, p.VisitCounts);
        Assert.Equal(s.RootValues, p.RootValues);
    }

    [Fact]
    public void PolicyIsTheVisitDistributionAndTimingIsRecorded()
    {
        (TabularModel model, int[] roots, bool[] legal) = ThreeGames();
        using var mcts = new BatchedMcts(new SearchConfig { Simulations = 20 }, Actions, twoPlayer: false);
        SearchResult result = Search(mcts, model, roots, legal);
        Span<float> policy = stackalloc float[Actions];
        result.Policy(1, policy);
        for (int a = 0; a < Actions; a++) Assert.Equal(result.Visits(1)[a] / 20f, policy[a], 1e-6);
        Assert.True(mcts.HostTime > TimeSpan.Zero);
        Assert.True(mcts.ModelTime > TimeSpan.Zero);
        mcts.ResetTiming();
        Assert.Equal(TimeSpan.Zero, mcts.HostTime);
    }

    [Fact]
    public void RejectsGamesWithoutLegalActionsAndWrongMaskSize()
    {
        (TabularModel model, int[] roots, _) = ThreeGames();
        using var mcts = new BatchedMcts(new SearchConfig { Simulations = 4 }, Actions, twoPlayer: false);
        bool[] noneLegalInGame1 = [true, true, true, true, false, false, false, false, true, true, true, true];
        Assert.Throws<ArgumentException>(() => Search(mcts, model, roots, noneLegalInGame1));
        Assert.Throws<ArgumentException>(() => Search(mcts, model, roots, new bool[5]));
    }
}
