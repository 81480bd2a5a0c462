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
