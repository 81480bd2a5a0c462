using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Learning;
using MuZero.Training.Replay;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>
/// Training updates and batched searches while another thread collects garbage and runs finalizers
/// non-stop. A temporary <c>Scalar</c> or <c>Tensor</c> whose native handle is in use by libtorch but
/// whose managed object is no longer reachable gets finalized mid-call under this pressure, which shows
/// as "Unknown scalar type", "Expected false to be true", NaN losses or a crash of the test host.
/// </summary>
public sealed class NativeSafetyStressTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);

    [Fact]
    public void TrainingAndSearchSurviveConstantGarbageCollection()
    {
        manual_seed(11);
        var spec = EnvironmentRegistry.GetSpec("cartpole");
        var replay = RandomReplay(spec, steps: 600);
        var network = new NetworkConfig { LatentSize = 8, HiddenSize = 16 };
        var search = new SearchConfig { Simulations = 8, ParallelThreshold = 1 << 20 };
        using var learner = new MlpNetwork(spec.ObservationSize, spec.ActionCount, network);
        using var actor = new MlpNetwork(spec.ObservationSize, spec.ActionCount, network);
        actor.eval();
        var model = new NetworkSearchModel(actor, CPU);
        using var mcts = new BatchedMcts(search, spec.ActionCount, spec.IsTwoPlayer);
        var environments = new VectorEnvironment(() => EnvironmentRegistry.Create("cartpole"), 4, 1);
        long[] observationShape = [4, .. spec.ObservationShape.Select(d => (long)d)];
        var rng = new Xoshiro256(5);

        using var stop = new CancellationTokenSource();
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = new byte[4096]; // keeps gen0 busy as well
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        }) { IsBackground = true, Name = "gc-hammer" };
        collector.Start();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        int updates = 0, searches = 0;
        try
        {
            string[] optimizers = ["adam", "adamw", "sgd"];
            while (clock.Elapsed < Budget)
            {
                string optimizer = optimizers[updates / 20 % optimizers.Length];
                var config = new TrainingConfig { BatchSize = 8, UnrollSteps = 3, LearningRate = 0.003, Optimizer = optimizer, MaxGradNorm = 5 };
                using var trainer = new UnrollTrainer(learner, config, CPU, spec.ObservationShape);
                var batch = new TrainingBatch(config.BatchSize, config.UnrollSteps, spec.ObservationSize, spec.ActionCount);
                var priorities = new float[config.BatchSize];
                for (int i = 0; i < 20; i++, updates++)
                {
                    replay.Sample(batch, rng);
                    var loss = trainer.Train(batch, priorities);
                    Assert.True(double.IsFinite(loss.Total), $"loss {loss.Total} at update {updates}");
                    replay.UpdatePriorities(batch.Slots, priorities);

                    using var observations = tensor(environments.Observations, observationShape); // [4, 4]
                    var result = mcts.Run(model, observations, environments.LegalActions, addNoise: true, rng);
                    Assert.Equal(search.Simulations, result.VisitCounts.AsSpan(0, spec.ActionCount).ToArray().Sum());
                    searches++;
                }
                actor.CopyWeightsFrom(learner);
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        output.WriteLine($"{updates} updates, {searches} searches, {collections} full collections in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(updates >= 20 && searches >= 20, $"only {updates} updates and {searches} searches");
        Assert.True(collections > 10, $"only {collections} collections");
    }

    private static ReplayBuffer RandomReplay(EnvironmentSpec spec, int steps)
    {
        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 4 * steps, TdSteps = 5 }, 0.99, twoPlayer: false);
        var rng = new Xoshiro256(9);
        var env = EnvironmentRegistry.Create(spec.Name);
        var observation = new float[spec.ObservationSize];
        for (ulong episode = 0; replay.Steps < steps; episode++)
        {
            env.Reset(episode);
            var game = new GameHistory(spec.ObservationSize, spec.ActionCount);
            while (!env.IsOver)
            {
                env.WriteObservation(observation);
                int action = rng.NextInt(spec.ActionCount);
                game.AddStep(observation, [true, true], 0, action, 0f, [0.5f, 0.5f]);
                var step = env.Step(action);
                game.SetLastReward(step.Reward);
                if (step.Done) game.Finish(step.Terminated, step.Truncated);
            }
            replay.Add(game);
        }
        return replay;
    }
}
