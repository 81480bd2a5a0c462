using MuZero.Randomness;
using MuZero.Search;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>The pipelined search (<see cref="SearchConfig.PipelineGroups"/>) against the plain one, node by node.</summary>
public sealed class PipelinedSearchTests
{
    private const int Actions = 5;

    [Theory]
    [InlineData("muzero", false, 2)]
    [InlineData("muzero", true, 3)]
    [InlineData("muzero", false, 7)]   // one game per group
    [InlineData("muzero", false, 100)] // more groups than games: one per game
    [InlineData("gumbel_muzero", false, 2)]
    [InlineData("gumbel_muzero", true, 4)]
    public void EveryNodeIsTheSameAsWithoutPipelining(string policy, bool twoPlayer, int groups)
    {
        var plain = new SearchConfig { Simulations = 30, Policy = policy, ParallelThreshold = 1 };
        var (expected, _) = Search(plain, twoPlayer);
        var (actual, model) = Search(plain with { PipelineGroups = groups }, twoPlayer);

        int effectiveGroups = Math.Min(groups, Games);
        Assert.Equal(30 * effectiveGroups, model.RecurrentCalls);
        Assert.DoesNotContain((long)Games, model.RecurrentBatchSizes); // never the whole batch at once
        SearchResultAssert.Identical(expected, actual, Games);
    }

    [Fact]
    public void AnExceptionOfTheModelLeavesTheSearchUsable()
    {
        var config = new SearchConfig { Simulations = 8, PipelineGroups = 2 };
        using var mcts = new BatchedMcts(config, Actions, twoPlayer: false);
        var model = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, Games).Select(i => model.AddRandomState(500UL + (ulong)i)).ToArray();
        bool[] legal = Enumerable.Repeat(true, Games * Actions).ToArray();
        using var observations = TabularModel.Observations(roots);
        var failing = new FailingModel(model, failOnCall: 5);
        Assert.Throws<InvalidOperationException>(() => mcts.Run(failing, observations, legal, false, new Xoshiro256(1)));
        var result = mcts.Run(model, observations, legal, false, new Xoshiro256(1));
        for (int game = 0; game < Games; game++) Assert.Equal(8, result.Visits(game).ToArray().Sum());
    }

    private const int Games = 7;

    private static (SearchResult Result, TabularModel Model) Search(SearchConfig config, bool twoPlayer)
    {
        var model = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, Games).Select(i => model.AddRandomState(300UL + (ulong)i)).ToArray();
        // Different masks per game: game g forbids action g mod A (game 0 allows all).
        bool[] legal = Enumerable.Range(0, Games * Actions).Select(i => i / Actions == 0 || i % Actions != (i / Actions) % Actions).ToArray();
        using var mcts = new BatchedMcts(config, Actions, twoPlayer);
        using var observations = TabularModel.Observations(roots); // [B, 1]
        var result = mcts.Run(model, observations, legal, addNoise: true, [], new Xoshiro256(42), captureTree: true);
        return (result, model);
    }

    /// <summary>The tabular model, throwing at its n-th <see cref="ISearchModel.Recurrent"/> call.</summary>
    private sealed class FailingModel(TabularModel inner, int failOnCall) : ISearchModel
    {
        private int _calls;

        public int ActionCount => inner.ActionCount;

        public Device Device => inner.Device;

        public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors) => inner.Initial(observations, values, priors);

        public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors) =>
            ++_calls == failOnCall
                ? throw new InvalidOperationException("model failure")
                : inner.Recurrent(latents, actions, rewards, values, priors);
    }
}
