using System.Diagnostics;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Learning;
using MuZero.Training.Observations;
using MuZero.Training.Replay;
using MuZero.Training.SelfPlay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Benchmarks;

/// <summary>
/// Measures search, learner and self-play throughput for a config's network and game. Searches and self-play moves are
/// repeated until their timings have settled (<see cref="WarmUpPolicy"/>: the JIT quiet, the times steady) before the
/// timed repetitions; on CUDA the device is synchronized before each clock read.
/// </summary>
/// <param name="config">The config whose network, search settings and game are measured.</param>
/// <param name="device">Where the network runs.</param>
/// <param name="warmUp">When a warm-up may stop; null: <see cref="WarmUpPolicy"/>'s defaults.</param>
public sealed class ThroughputBenchmark(ExperimentConfig config, Device device, WarmUpPolicy? warmUp = null)
{
    private readonly EnvironmentSpec _spec = config.Environment.Spec();
    private readonly ObservationLayout _layout = ObservationLayout.For(config);
    private readonly WarmUpPolicy _warmUp = warmUp ?? new WarmUpPolicy();

    /// <summary>Searches of <paramref name="batch"/> games with <paramref name="simulations"/> simulations each.</summary>
    public SearchBenchmarkResult Search(int batch, int simulations, int repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        using var network = NetworkRegistry.Create(config.Network, _layout.InputShape, _spec.ActionCount);
        network.to(device);
        network.eval();
        var model = new NetworkSearchModel(network, device);
        using var search = new BatchedMcts(config.Search with { Simulations = simulations }, _spec.ActionCount, _spec.IsTwoPlayer);
        var environments = new VectorEnvironment(config.Environment.Create, batch, 1);
        long[] shape = [batch, .. _layout.InputShape.Select(d => (long)d)];
        using var hostObservations = tensor(StartInputs(environments), shape); // [B, *input] on the CPU
        using var observations = hostObservations.to(device);                 // [B, *input]
        var rng = new Xoshiro256(2);

        double Once()
        {
            search.ResetTiming();
            Synchronize();
            long start = Stopwatch.GetTimestamp();
            search.Run(model, observations, environments.LegalActions, addNoise: true, rng);
            Synchronize();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        WarmUpOutcome warm = WarmUp.Run(Once, _warmUp, WarmUp.CompiledMethods);
        var seconds = new double[repetitions];
        var host = new double[repetitions];
        var idle = new double[repetitions];
        var networkShare = new double[repetitions];
        var copies = new double[repetitions];
        var other = new double[repetitions];
        var cpu = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            TimeSpan cpuStart = Environment.CpuUsage.TotalTime;
            double s = Once();
            cpu[r] = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
            seconds[r] = s;
            host[r] = search.HostTime.TotalSeconds / s;
            idle[r] = search.IdleTime.TotalSeconds / s;
            networkShare[r] = search.NetworkTime.TotalSeconds / s;
            copies[r] = search.CopyTime.TotalSeconds / s;
            other[r] = 1 - host[r] - networkShare[r] - copies[r];
        }
        double median = WarmUp.Median(seconds);
        return new SearchBenchmarkResult(batch, simulations, median, batch * (double)simulations / median, batch / median, WarmUp.Median(host),
            seconds.Min(), seconds.Max(), WarmUp.Median(idle), WarmUp.Median(networkShare), WarmUp.Median(copies), WarmUp.Median(other),
            search.TransferBytesPerSimulation, repetitions, warm.Runs, warm.Seconds, warm.Settled, WarmUp.Median(cpu));
    }

    /// <summary>Learner updates at <paramref name="batch"/> positions unrolled <paramref name="unrollSteps"/> steps, on replay filled by random play.</summary>
    public LearnerBenchmarkResult Learner(int batch, int unrollSteps, int repetitions, int updatesPerRepetition)
    {
        var training = config.Training with { BatchSize = batch, UnrollSteps = unrollSteps };
        using var network = NetworkRegistry.Create(config.Network, _layout.InputShape, _spec.ActionCount);
        network.to(device);
        using var trainer = new UnrollTrainer(network, training, device, _layout.InputShape);
        var replay = RandomReplay(Math.Max(4 * batch, 2000));
        var priorities = new float[batch];
        using var prefetcher = new BatchPrefetcher(replay, trainer, new Xoshiro256(3),
            () => new TrainingBatch(batch, unrollSteps, _layout.InputSize, _spec.ActionCount));

        // The same pipeline as a training run: the next batch is prepared while the current one trains.
        void Update(bool prefetchNext)
        {
            var (trainingBatch, tensors) = prefetcher.Take();
            if (prefetchNext) prefetcher.StartNext();
            using (tensors) trainer.Train(trainingBatch, tensors, priorities);
            prefetcher.WaitForPending();
            replay.UpdatePriorities(trainingBatch.Slots, priorities);
        }

        for (int i = 0; i < 3; i++) Update(prefetchNext: false); // warm-up
        var seconds = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            Synchronize();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < updatesPerRepetition; i++) Update(prefetchNext: i + 1 < updatesPerRepetition);
            Synchronize();
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / updatesPerRepetition;
        }
        double median = WarmUp.Median(seconds);
        return new LearnerBenchmarkResult(batch, unrollSteps, 1 / median, batch / median);
    }

    /// <summary>Actor moves (search + environment steps + recording) for <paramref name="moves"/> lockstep moves, after a warm-up of single moves.</summary>
    public SelfPlayBenchmarkResult SelfPlay(int moves)
    {
        using var network = NetworkRegistry.Create(config.Network, _layout.InputShape, _spec.ActionCount);
        network.to(device);
        network.eval();
        using var actor = new SelfPlayActor(config, config.Environment.Create, new NetworkSearchModel(network, device), new Xoshiro256(4));
        double Move()
        {
            long start = Stopwatch.GetTimestamp();
            actor.Step(0, _ => { });
            Synchronize();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        WarmUpOutcome warm = WarmUp.Run(Move, _warmUp, WarmUp.CompiledMethods);
        long steps = 0;
        Synchronize();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < moves; i++) steps += actor.Step(0, _ => { });
        Synchronize();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new SelfPlayBenchmarkResult(config.SelfPlay.ParallelGames, config.Search.Simulations, steps / seconds,
            steps * (double)config.Search.Simulations / seconds, warm.Runs, warm.Settled);
    }

    private ReplayBuffer RandomReplay(int steps)
    {
        var replay = new ReplayBuffer(config.Replay with { CapacitySteps = Math.Max(steps * 2, config.Replay.CapacitySteps) }, config.Search.Discount, _spec.IsTwoPlayer, _layout);
        int cap = config.SelfPlay.MaxEpisodeSteps ?? int.MaxValue;
        var env = config.Environment.Create();
        var rng = new Xoshiro256(5);
        var observation = new float[_spec.ObservationSize];
        var legal = new bool[_spec.ActionCount];
        var policy = new float[_spec.ActionCount];
        ulong episode = 0;
        while (replay.Steps < steps)
        {
            env.Reset(episode++);
            var game = new GameHistory(_spec.ObservationSize, _spec.ActionCount, _spec.BinaryObservations);
            while (!env.IsOver && game.Length < cap)
            {
                env.WriteObservation(observation);
                env.WriteLegalActions(legal);
                int count = legal.Count(l => l);
                for (int a = 0; a < policy.Length; a++) policy[a] = legal[a] ? 1f / count : 0f;
                int action;
                do action = rng.NextInt(_spec.ActionCount); while (!legal[action]);
                game.AddStep(observation, legal, env.ToPlay, action, (float)rng.NextDouble(), policy);
                var step = env.Step(action);
                game.SetLastReward(step.Reward);
                if (step.Done) game.Finish(step.Terminated, step.Truncated);
                else if (game.Length == cap) game.Finish(terminated: false, truncated: true);
            }
            replay.Add(game);
        }
        return replay;
    }

    /// <summary>The network inputs [B, InputSize] of the first positions of <paramref name="environments"/>' episodes.</summary>
    private float[] StartInputs(VectorEnvironment environments)
    {
        if (_layout.IsObservationOnly) return environments.Observations;
        int b = environments.Count, o = _spec.ObservationSize, size = _layout.InputSize;
        var stack = new ObservationStack(_layout, b);
        var inputs = new float[b * size];
        for (int i = 0; i < b; i++)
        {
            stack.Start(i, environments.Observations.AsSpan(i * o, o));
            stack.Write(i, inputs.AsSpan(i * size, size));
        }
        return inputs;
    }

    private void Synchronize()
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize();
    }
}
