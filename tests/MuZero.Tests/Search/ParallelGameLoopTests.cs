using MuZero.Search;

namespace MuZero.Tests.Search;

public sealed class ParallelGameLoopTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 33)]
    [InlineData(3, 100)]
    [InlineData(4, 257)]
    public void EveryGameRunsOncePerPhaseWithThreadIndicesInRange(int threads, int games)
    {
        using var loop = new ParallelGameLoop(threads, games);
        var counts = new int[games];
        int badThread = 0;
        for (int phase = 1; phase <= 200; phase++)
        {
            loop.Run((thread, start, end) =>
            {
                if (thread < 0 || thread >= threads || end - start > ParallelGameLoop.ChunkGames || start >= end) Interlocked.Increment(ref badThread);
                for (int g = start; g < end; g++) Interlocked.Increment(ref counts[g]);
            });
            // The caller returns only when the whole phase is done: every count is exactly the phase number.
            for (int g = 0; g < games; g++) Assert.Equal(phase, Volatile.Read(ref counts[g]));
        }
        Assert.Equal(0, badThread);
    }

    [Fact]
    public void AnExceptionOnAnyThreadReachesTheCallerAndTheLoopGoesOn()
    {
        using var loop = new ParallelGameLoop(2, 4 * ParallelGameLoop.ChunkGames);
        for (int phase = 0; phase < 10; phase++)
        {
            int bad = phase % 4 * ParallelGameLoop.ChunkGames; // a chunk of either partition, on whichever thread takes it
            var e = Assert.Throws<InvalidOperationException>(() => loop.Run((_, start, _) =>
            {
                if (start == bad) throw new InvalidOperationException($"chunk at {start}");
            }));
            Assert.Equal($"chunk at {bad}", e.Message);
            int done = 0;
            loop.Run((_, start, end) => Interlocked.Add(ref done, end - start));
            Assert.Equal(4 * ParallelGameLoop.ChunkGames, done);
        }
    }

    [Fact]
    public void TheCallerTakesOverTheChunksOfAStalledWorker()
    {
        // Two partitions of two chunks each. The worker stalls inside any chunk it takes until the caller has done three
        // chunks: its own two and at least one of the worker's, which it could only have taken over. Without taking
        // over, the phase would never end (the wait below times out and the test fails).
        using var loop = new ParallelGameLoop(2, 4 * ParallelGameLoop.ChunkGames);
        for (int phase = 0; phase < 20; phase++)
        {
            int callerChunks = 0;
            using var callerDidThree = new ManualResetEventSlim();
            bool workerTimedOut = false;
            loop.Run((thread, start, end) =>
            {
                if (thread == 0)
                {
                    if (Interlocked.Increment(ref callerChunks) >= 3) callerDidThree.Set();
                }
                else if (!callerDidThree.Wait(TimeSpan.FromSeconds(10)))
                {
                    workerTimedOut = true;
                }
            });
            Assert.False(workerTimedOut);
            Assert.True(callerChunks >= 3, $"phase {phase}: the caller did {callerChunks} chunks");
        }
    }
}

/// <summary>Searches whose tree work is spread over threads against the same searches on one thread, for every descent path.</summary>
public sealed class ParallelSearchTests
{
    private const int Actions = 4;

    [Theory]
    [InlineData("muzero", false)]          // the fused descent
    [InlineData("muzero", true)]           // two-player
    [InlineData("gumbel_muzero", false)]   // the interfaces, one Q row per thread
    [InlineData("gumbel_muzero", true)]
    public void SpreadOverThreadsEqualsOneThread(string policy, bool twoPlayer)
    {
        // 70 games: several chunks per partition, the last one short.
        var model = new TabularModel(Actions);
        int[] roots = Enumerable.Range(0, 70).Select(i => model.AddRandomState(500UL + (ulong)i)).ToArray();
        bool[] legal = Enumerable.Range(0, roots.Length * Actions).Select(i => i % 7 != 3).ToArray();
        double[] temperatures = Enumerable.Range(0, roots.Length).Select(i => i % 3 * 0.5).ToArray();
        SearchResult Search(int threshold)
        {
            var config = new SearchConfig { Simulations = 24, Policy = policy, ParallelThreshold = threshold, DirichletAlpha = 0.3 };
            using var mcts = new BatchedMcts(config, Actions, twoPlayer);
            using var observations = TabularModel.Observations(roots);
            return mcts.Run(model, observations, legal, addNoise: true, temperatures, new MuZero.Randomness.Xoshiro256(3), captureTree: true);
        }
        SearchResult parallel = Search(threshold: 1), sequential = Search(threshold: 100000);
        Assert.Equal(sequential.VisitCounts, parallel.VisitCounts);
        Assert.Equal(sequential.RootValues, parallel.RootValues);
        Assert.Equal(sequential.Actions, parallel.Actions);
        Assert.Equal(sequential.ActionWeights, parallel.ActionWeights);
        for (int b = 0; b < roots.Length; b++)
            for (int node = 0; node <= 24; node++)
                Assert.Equal(sequential.Tree!.ValueSum(b, node), parallel.Tree!.ValueSum(b, node));
    }
}
