using System.Diagnostics;
using System.Globalization;
using MuZero.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Benchmarks;

/// <summary>
/// <c>recurrent-call [BATCH] [CALLS]</c>: what one search-time <see cref="NetworkSearchModel.Recurrent"/> call of the
/// CartPole MLP (latent 32, hidden 64, supports 2 and 20) costs at a batch size, whole and as its parts (g, f, the
/// readout), in microseconds per call: medians of rounds of <c>CALLS</c> calls each, wall time.
/// </summary>
public static class RecurrentCallProfile
{
    /// <summary>Runs the profile and prints one line per part.</summary>
    public static void Run(int batch, int calls)
    {
        var config = new NetworkConfig { Kind = "mlp", LatentSize = 32, HiddenSize = 64, HiddenLayers = 1, ValueSupportSize = 20, RewardSupportSize = 2 };
        const int actionCount = 2;
        random.manual_seed(1);
        using var network = NetworkRegistry.Create(config, [4], actionCount);
        network.eval();
        var model = new NetworkSearchModel(network, CPU);
        using var latents = rand(batch, config.LatentSize);            // [B, D]
        using var actions = randint(actionCount, [batch], dtype: int64); // [B]
        var rewards = new float[batch];
        var values = new float[batch];
        var priors = new float[batch * actionCount];
        using var x34 = rand(batch, 34); using var w64x34 = rand(64, 34); using var b64 = rand(64); using var g64 = rand(64);
        using var h64 = rand(batch, 64); using var w32x64 = rand(32, 64); using var l41 = rand(batch, 41); using var l5 = rand(batch, 5);
        using var l2 = rand(batch, 2); using var l48 = rand(batch, 48); using var r48x4 = rand(48, 4); using var p4 = rand(batch, 4);
        var packed = new float[batch * 4];

        (string Name, Action Call)[] parts =
        [
            ("Recurrent (whole)", () => model.Recurrent(latents, actions, rewards, values, priors).Dispose()),
            ("g: Dynamics", () =>
            {
                using var inference = inference_mode();
                var (next, reward) = network.Dynamics(latents, actions);
                next.Dispose();
                reward.Dispose();
            }),
            ("f: Predict", () =>
            {
                using var inference = inference_mode();
                var (policy, value) = network.Predict(latents);
                policy.Dispose();
                value.Dispose();
            }),
            ("g then f", () =>
            {
                using var scope = NewDisposeScope();
                using var inference = inference_mode();
                var (next, reward) = network.Dynamics(latents, actions);
                var (policy, value) = network.Predict(next);
            }),
            ("readout", () =>
            {
                using var scope = NewDisposeScope();
                using var inference = inference_mode();
                var readout = SearchReadout.For(CPU, ScalarType.Float32, 5, 41, 2);
                var probabilities = cat([nn.functional.softmax(l5, 1), nn.functional.softmax(l41, 1), nn.functional.softmax(l2, 1)], 1);
                MuZero.Devices.HostCopy.CopyTo(probabilities.mm(readout), packed);
            }),
            ("  one_hot+cat", () => { using var s = NewDisposeScope(); using var i = inference_mode(); cat([latents, nn.functional.one_hot(actions, actionCount).to(latents.dtype)], 1); }),
            ("  linear 34->64", () => { using var s = NewDisposeScope(); using var i = inference_mode(); nn.functional.linear(x34, w64x34, b64); }),
            ("  layer_norm 64", () => { using var s = NewDisposeScope(); using var i = inference_mode(); nn.functional.layer_norm(h64, [64], g64, b64); }),
            ("  relu 64", () => { using var s = NewDisposeScope(); using var i = inference_mode(); nn.functional.relu(h64); }),
            ("  linear 64->32", () => { using var s = NewDisposeScope(); using var i = inference_mode(); nn.functional.linear(h64, w32x64, null); }),
            ("  minmax 32", () => { using var s = NewDisposeScope(); using var i = inference_mode(); HiddenStateScaling.MinMax(latents); }),
            ("  softmax 41", () => { using var s = NewDisposeScope(); using var i = inference_mode(); nn.functional.softmax(l41, 1); }),
            ("  cat 48", () => { using var s = NewDisposeScope(); using var i = inference_mode(); cat([l5, l41, l2], 1); }),
            ("  mm 48x4", () => { using var s = NewDisposeScope(); using var i = inference_mode(); l48.mm(r48x4); }),
            ("  host copy 1024x4", () => { MuZero.Devices.HostCopy.CopyTo(p4, packed); }),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {batch}, {calls} calls per round, torch threads {get_num_threads()}"));
        foreach (var (name, call) in parts)
        {
            for (int i = 0; i < calls; i++) call(); // warm-up
            var rounds = new List<double>();
            for (int round = 0; round < 9; round++)
            {
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++) call();
                rounds.Add(watch.Elapsed.TotalMicroseconds / calls);
            }
            rounds.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} us per call: min {rounds[0],8:F1} median {rounds[4],8:F1} max {rounds[^1],8:F1}"));
        }
    }
}
