using System.Globalization;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Benchmarks;

/// <summary>
/// <c>search-modes [BATCH] [ROUNDS]</c>: whole searches (50 simulations) of the CartPole MLP (latent 32, hidden 64,
/// supports 2 and 20) at one batch size, sharded (the default on the CPU), unsharded (one model call per simulation
/// over libtorch's threads, the tree pass over the search's), and unsharded with the readout in libtorch;
/// milliseconds per search, min / median / max over <c>ROUNDS</c> rounds that interleave the variants (4 searches each),
/// after 3 rounds of warm-up. In one process, so a change in the machine's speed falls on every variant alike.
/// </summary>
public static class SearchModesProfile
{
    /// <summary>Runs the profile and prints one line per variant.</summary>
    public static void Run(int batch, int rounds)
    {
        const int actionCount = CartPoleNetwork.Actions;
        using var network = CartPoleNetwork.Create();
        using var observations = randn(batch, 4); // [B, 4]
        var legal = new bool[batch * actionCount];
        legal.AsSpan().Fill(true);
        var rng = new Xoshiro256(1);
        var search = new SearchConfig { Simulations = 50 };
        (string Name, BatchedMcts Search, ISearchModel Model)[] variants =
        [
            ("sharded", new BatchedMcts(search, actionCount, twoPlayer: false), new NetworkSearchModel(network, CPU)),
            ("unsharded", new BatchedMcts(search with { Shards = 1 }, actionCount, twoPlayer: false), new NetworkSearchModel(network, CPU)),
            ("unsharded, libtorch readout", new BatchedMcts(search with { Shards = 1 }, actionCount, twoPlayer: false),
                new NetworkSearchModel(network, CPU) { ReadsOnHost = false }),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {batch}, 50 simulations, 4 searches per round, torch threads {get_num_threads()}"));
        var times = InterleavedRounds.Measure(
            [.. variants.Select(v => (Action)(() => v.Search.Run(v.Model, observations, legal, addNoise: true, rng)))],
            warmUpRounds: 3, rounds, calls: 4, InterleavedRounds.Wall);
        foreach (var variant in variants) variant.Search.Dispose();
        for (int v = 0; v < variants.Length; v++)
            Console.WriteLine(InterleavedRounds.Line(variants[v].Name, 28, "ms per search", times[v], "ms"));
    }
}
