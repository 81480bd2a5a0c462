using System.Globalization;
using MuZero.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Benchmarks;

/// <summary>
/// <c>recurrent-call [BATCH] [CALLS]</c>: what one search-time <see cref="NetworkSearchModel.Recurrent"/> call of the
/// CartPole MLP (latent 32, hidden 64, supports 2 and 20) costs at a batch size: whole with the readout on the host
/// and in libtorch (<see cref="NetworkSearchModel.ReadsOnHost"/>), and g and f alone; microseconds per call, min /
/// median / max of 9 interleaved rounds of <c>CALLS</c> calls each (wall time, after one round of warm-up).
/// </summary>
public static class RecurrentCallProfile
{
    /// <summary>Runs the profile and prints one line per part.</summary>
    public static void Run(int batch, int calls)
    {
        const int actionCount = CartPoleNetwork.Actions;
        using var network = CartPoleNetwork.Create();
        using var latents = rand(batch, CartPoleNetwork.Config.LatentSize);            // [B, D]
        using var actions = randint(actionCount, [batch], dtype: int64); // [B]
        var rewards = new float[batch];
        var values = new float[batch];
        var priors = new float[batch * actionCount];
        var hostReadout = new NetworkSearchModel(network, CPU) { ReadsOnHost = true };
        var libTorchReadout = new NetworkSearchModel(network, CPU) { ReadsOnHost = false };
        (string Name, Action Call)[] parts =
        [
            ("Recurrent, host readout", () => hostReadout.Recurrent(latents, actions, rewards, values, priors).Dispose()),
            ("Recurrent, libtorch readout", () => libTorchReadout.Recurrent(latents, actions, rewards, values, priors).Dispose()),
            ("g: Dynamics", () =>
            {
                using var scope = NewDisposeScope();
                using var inference = inference_mode();
                network.Dynamics(latents, actions);
            }),
            ("f: Predict", () =>
            {
                using var scope = NewDisposeScope();
                using var inference = inference_mode();
                network.Predict(latents);
            }),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {batch}, {calls} calls per round, torch threads {get_num_threads()}"));
        var times = InterleavedRounds.Measure([.. parts.Select(p => p.Call)], warmUpRounds: 1, rounds: 9, calls, InterleavedRounds.Wall);
        for (int p = 0; p < parts.Length; p++)
            Console.WriteLine(InterleavedRounds.Line(parts[p].Name, 28, "us per call", times[p], "us"));
    }
}
