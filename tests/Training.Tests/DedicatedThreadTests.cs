using MuZero.Training.Runs;

namespace MuZero.Training.Tests;

public sealed class DedicatedThreadTests
{
    [Fact]
    public void RunsEveryItemOnOneThreadAfterItsInitializerAndRethrowsFailures()
    {
        int initializedOn = -1;
        using var thread = new DedicatedThread("test", () => initializedOn = Environment.CurrentManagedThreadId);
        var seen = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            thread.Start(() => seen.Add(Environment.CurrentManagedThreadId));
            thread.Wait();
        }
        Assert.Equal(3, seen.Count);
        Assert.All(seen, id => Assert.Equal(initializedOn, id));
        Assert.NotEqual(Environment.CurrentManagedThreadId, initializedOn);

        thread.Start(() => throw new InvalidDataException("boom"));
        Assert.Equal("boom", Assert.Throws<InvalidDataException>(thread.Wait).Message);
        thread.Start(() => seen.Add(0)); // still usable after a failure
        thread.Wait();
        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public void StartingTwiceWithoutWaitingIsRefused()
    {
        using var gate = new ManualResetEventSlim();
        using var thread = new DedicatedThread("test");
        thread.Start(gate.Wait);
        Assert.Throws<InvalidOperationException>(() => thread.Start(() => { }));
        gate.Set();
        thread.Wait();
    }
}
