using System.Collections.Concurrent;
using MuZero.Randomness;
using MuZero.Search;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>The sharded search (<see cref="SearchConfig.Shards"/>) against the plain one, node by node, and its threads.</summary>
public sealed class ShardedSearchTests
{
    private const int Actions = 5;
    private const int Games = 9;

    [Theory]
    [InlineData("muzero", false, 2)]
    [InlineData("muzero", true, 3)]
    [InlineData("muzero", false, 9)] // one game per shard
    [InlineData("gumbel_muzero", false, 2)]
    [InlineData("gumbel_muzero", true, 4)]
    public void EveryNodeIsTheSameAsWithoutSharding(string policy, bool twoPlayer, int shards)
    {
        var plain = new SearchConfig { Simulations = 30, Policy = policy, ParallelThreshold = 1, Shards = 1 };
        var (expected, _) = Search(plain, twoPlayer);
        var (actual, model) = Search(plain with { Shards = shards }, twoPlayer);

        Assert.Equal(30 * shards, model.Inner.RecurrentCalls);
        Assert.DoesNotContain((long)Games, model.Inner.RecurrentBatchSizes); // never the whole batch at once
        Assert.Equal(shards, model.CallingThreads.Count);                   // each shard on its own thread
        Assert.All(model.LibTorchThreadsInCalls, n => Assert.Equal(1, n));  // with a share of one libtorch thread each (the tests run with one)
        SearchResultAssert.Identical(expected, actual, Games);
    }

    [Fact]
    public void ShardsNeedAModelThatAllowsConcurrentCallsAndEnoughGames()
    {
        var config = new SearchConfig { Simulations = 6, ParallelThreshold = 4, Shards = 3 };
        // 9 games, at least 4 per shard: 2 shards.
        var (_, model) = Search(config, twoPlayer: false);
        Assert.Equal(2, model.CallingThreads.Count);
        Assert.Equal(new HashSet<long> { 4, 5 }, model.Inner.RecurrentBatchSizes);

        // A model that does not allow concurrent calls gets the whole batch on the searching thread.
        var tabular = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, Games).Select(i => tabular.AddRandomState(700UL + (ulong)i)).ToArray();
        using var mcts = new BatchedMcts(config, Actions, twoPlayer: false);
        using var observations = TabularModel.Observations(roots);
        mcts.Run(tabular, observations, Enumerable.Repeat(true, Games * Actions).ToArray(), false, new Xoshiro256(1));
        Assert.Equal(new HashSet<long> { Games }, tabular.RecurrentBatchSizes);
    }

    [Fact]
    public void ShardsShareTheSearchingThreadsLibTorchThreads()
    {
        int before = get_num_threads();
        try
        {
            var config = new SearchConfig { Simulations = 6, ParallelThreshold = 1 }; // Shards = 0: automatic
            set_num_threads(1);
            Assert.Single(Search(config, twoPlayer: false).Model.CallingThreads);
            set_num_threads(3);
            var (_, model) = Search(config, twoPlayer: false);
            Assert.Equal(3, model.CallingThreads.Count);
            Assert.All(model.LibTorchThreadsInCalls, n => Assert.Equal(1, n));
            Assert.Equal(3, get_num_threads()); // given back after the search

            // Fewer shards than threads: each shard gets its share (4 threads, 2 shards: 2 each).
            set_num_threads(4);
            (_, model) = Search(config with { Shards = 2 }, twoPlayer: false);
            Assert.Equal(2, model.CallingThreads.Count);
            Assert.All(model.LibTorchThreadsInCalls, n => Assert.Equal(2, n));
            Assert.Equal(4, get_num_threads());
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [Fact]
    public void AnExceptionInAnyShardReachesTheCallerAndTheSearchStaysUsable()
    {
        var config = new SearchConfig { Simulations = 8, ParallelThreshold = 1, Shards = 3 };
        using var mcts = new BatchedMcts(config, Actions, twoPlayer: false);
        var tabular = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, Games).Select(i => tabular.AddRandomState(500UL + (ulong)i)).ToArray();
        bool[] legal = Enumerable.Repeat(true, Games * Actions).ToArray();
        using var observations = TabularModel.Observations(roots);
        int before = get_num_threads();
        for (int failing = 1; failing <= 6; failing++) // the failing call lands on one shard or another
        {
            var model = new ConcurrentModel(tabular) { FailOnCall = failing };
            var e = Assert.Throws<InvalidOperationException>(() => mcts.Run(model, observations, legal, false, new Xoshiro256(1)));
            Assert.Equal("model failure", e.Message);
            Assert.Equal(before, get_num_threads());
            var result = mcts.Run(new ConcurrentModel(tabular), observations, legal, false, new Xoshiro256(1));
            for (int game = 0; game < Games; game++) Assert.Equal(8, result.Visits(game).ToArray().Sum());
        }
    }

    private static (SearchResult Result, ConcurrentModel Model) Search(SearchConfig config, bool twoPlayer)
    {
        var tabular = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, Games).Select(i => tabular.AddRandomState(300UL + (ulong)i)).ToArray();
        // Different masks per game: game g forbids action g mod A (game 0 allows all).
        bool[] legal = Enumerable.Range(0, Games * Actions).Select(i => i / Actions == 0 || i % Actions != (i / Actions) % Actions).ToArray();
        var model = new ConcurrentModel(tabular);
        using var mcts = new BatchedMcts(config, Actions, twoPlayer);
        using var observations = TabularModel.Observations(roots); // [B, 1]
        var result = mcts.Run(model, observations, legal, addNoise: true, [], new Xoshiro256(42), captureTree: true);
        return (result, model);
    }

    /// <summary>
    /// The tabular model behind a lock, so that shards may call it at once (its random states grow on first use; what
    /// a state holds does not depend on the order of the calls); records the calling threads and their libtorch threads.
    /// </summary>
    private sealed class ConcurrentModel(TabularModel inner) : ISearchModel
    {
        private readonly Lock _gate = new();
        private int _calls;

        public TabularModel Inner => inner;

        public int FailOnCall { get; init; }

        public ConcurrentDictionary<int, bool> CallingThreadSet { get; } = new();

        public ICollection<int> CallingThreads => CallingThreadSet.Keys;

        public ConcurrentBag<int> LibTorchThreadsInCalls { get; } = [];

        public int ActionCount => inner.ActionCount;

        public Device Device => inner.Device;

        public bool AllowsConcurrentCalls => true;

        public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors)
        {
            lock (_gate) return inner.Initial(observations, values, priors);
        }

        public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors)
        {
            CallingThreadSet[Environment.CurrentManagedThreadId] = true;
            LibTorchThreadsInCalls.Add(get_num_threads());
            lock (_gate)
            {
                if (++_calls == FailOnCall) throw new InvalidOperationException("model failure");
                return inner.Recurrent(latents, actions, rewards, values, priors);
            }
        }
    }
}
