using MuZero.Networks;

namespace MuZero.Tests.Networks;

public sealed class HelpedRowLoopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void EveryRowRunsOncePerCallInChunks(int rows)
    {
        var loop = new HelpedRowLoop(chunkRows: 16);
        var counts = new int[rows];
        int badChunks = 0;
        for (int call = 1; call <= 200; call++)
        {
            loop.Run(rows, (start, end) =>
            {
                if (start >= end || end - start > 16 || start % 16 != 0 || end > rows) Interlocked.Increment(ref badChunks);
                for (int r = start; r < end; r++) Interlocked.Increment(ref counts[r]);
            });
            // The caller returns only when every chunk is done, the helper's included.
            for (int r = 0; r < rows; r++) Assert.Equal(call, Volatile.Read(ref counts[r]));
        }
        Assert.Equal(0, badChunks);
    }

    [Fact]
    public void CallsOfDifferentSizesFollowEachOther()
    {
        var loop = new HelpedRowLoop(chunkRows: 8);
        var random = new Random(3);
        for (int call = 0; call < 300; call++)
        {
            int rows = random.Next(1, 200);
            var seen = new int[200];
            loop.Run(rows, (start, end) =>
            {
                for (int r = start; r < end; r++) Interlocked.Increment(ref seen[r]);
            });
            for (int r = 0; r < 200; r++) Assert.Equal(r < rows ? 1 : 0, seen[r]);
        }
    }

    [Fact]
    public void AnExceptionOnEitherThreadReachesTheCallerAndTheLoopGoesOn()
    {
        var loop = new HelpedRowLoop(chunkRows: 4);
        for (int call = 0; call < 20; call++)
        {
            int bad = call % 8 * 4;
            var e = Assert.Throws<InvalidOperationException>(() => loop.Run(32, (start, _) =>
            {
                if (start == bad) throw new InvalidOperationException($"chunk at {start}");
            }));
            Assert.Equal($"chunk at {bad}", e.Message);
            int done = 0;
            loop.Run(32, (start, end) => Interlocked.Add(ref done, end - start));
            Assert.Equal(32, done);
        }
    }
}
