using MuZero.Networks;
using MuZero.Training.Benchmarks;
using MuZero.Training.Configuration;
using static TorchSharp.torch;

namespace MuZero.Training.Tests.Benchmarks;

public sealed class ThroughputBenchmarkTests
{
    [Fact]
    public void SearchRowHasOrderedTimesAWarmUpAndATimeSplitThatAddsUp()
    {
        var config = new ExperimentConfig { Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16 } };
        // A warm-up of at most 0.2 s: long enough for several searches, short enough for the suite.
        var bench = new ThroughputBenchmark(config, CPU, new WarmUpPolicy(MinSeconds: 0, MaxSeconds: 0.2, Window: 2, Tolerance: 0.5));
        SearchBenchmarkResult r = bench.Search(batch: 3, simulations: 4, repetitions: 5);

        Assert.Equal((3, 4, 5), (r.Batch, r.Simulations, r.Repetitions));
        Assert.True(r.MinSecondsPerSearch > 0 && r.MinSecondsPerSearch <= r.SecondsPerSearch && r.SecondsPerSearch <= r.MaxSecondsPerSearch, $"{r}");
        Assert.Equal(3 * 4 / r.SecondsPerSearch, r.SimulationsPerSecond, 1e-6);
        Assert.True(r.WarmUpRuns >= 1 && r.WarmUpSeconds > 0, $"{r}");
        Assert.True(r.HostFraction > 0 && r.NetworkFraction > 0 && r.CopyFraction > 0, $"{r}");
        Assert.InRange(r.IdleFraction, 0, r.HostFraction);
        // Medians of the parts need not add up exactly; each repetition's parts do (other = 1 - the rest), so their
        // medians stay within the spread of the repetitions.
        Assert.InRange(r.HostFraction + r.NetworkFraction + r.CopyFraction + r.OtherFraction, 0.8, 1.2);
        Assert.True(r.CpuSecondsPerSearch > 0, $"{r}");
        Assert.Equal(0, r.TransferBytesPerSimulation); // the CPU: the index tensor is the host's memory
    }
}
