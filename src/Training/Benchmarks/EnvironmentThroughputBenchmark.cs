using System.Diagnostics;
using MuZero.Environments;

namespace MuZero.Training.Benchmarks;

/// <summary>
/// Steps per second of an environment on the calling thread: B games stepped in lockstep with uniformly random legal
/// actions, finished games reset at once. With observations, the games run in a <see cref="VectorEnvironment"/>,
/// which after every step writes each game's observation and legal-action mask into its batch buffers (what
/// self-play does); without, the games are stepped directly and nothing is written.
/// </summary>
public static class EnvironmentThroughputBenchmark
{
    private const int StepsPerClockRead = 256;

    /// <summary>Measures <paramref name="factory"/>'s game for about <paramref name="seconds"/> after a warm-up of a tenth of that.</summary>
    public static EnvironmentBenchmarkResult Measure(Func<IEnvironment> factory, int games, bool writeObservations, double seconds, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(games);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var stepper = writeObservations ? (IStepper)new VectorStepper(factory, games, seed) : new DirectStepper(factory, games, seed);
        Run(stepper, seconds / 10);
        var (steps, elapsed) = Run(stepper, seconds);
        return new EnvironmentBenchmarkResult(stepper.Name, games, writeObservations, steps * games, elapsed);
    }

    private static (long Steps, double Seconds) Run(IStepper stepper, double seconds)
    {
        long steps = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            for (int i = 0; i < StepsPerClockRead; i++) stepper.StepAll();
            steps += StepsPerClockRead;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        return (steps, clock.Elapsed.TotalSeconds);
    }

    private interface IStepper
    {
        string Name { get; }

        void StepAll();
    }

    private sealed class VectorStepper(Func<IEnvironment> factory, int games, ulong seed) : IStepper
    {
        private readonly VectorEnvironment _vector = new(factory, games, seed);
        private readonly int[] _actions = new int[games];
        private readonly float[] _rewards = new float[games];
        private readonly bool[] _terminated = new bool[games];
        private readonly bool[] _truncated = new bool[games];
        private SplitMix64 _random = new(seed);

        public string Name => _vector.Spec.Name;

        public void StepAll()
        {
            int actionCount = _vector.Spec.ActionCount;
            var legal = _vector.LegalActions;
            for (int i = 0; i < _actions.Length; i++) _actions[i] = FirstLegalFrom(legal.AsSpan(i * actionCount, actionCount), _random.NextInt(actionCount));
            _vector.Step(_actions, _rewards, _terminated, _truncated);
        }

        // Uniform when every action is legal (MinAtar, CartPole); otherwise close enough for a throughput measurement.
        private static int FirstLegalFrom(ReadOnlySpan<bool> legal, int start)
        {
            for (int k = 0; k < legal.Length; k++)
            {
                int action = (start + k) % legal.Length;
                if (legal[action]) return action;
            }
            throw new InvalidOperationException("A live game has no legal action.");
        }
    }

    private sealed class DirectStepper : IStepper
    {
        private readonly IEnvironment[] _games;
        private SplitMix64 _random;
        private ulong _nextSeed;

        public DirectStepper(Func<IEnvironment> factory, int games, ulong seed)
        {
            _games = new IEnvironment[games];
            _random = new SplitMix64(seed);
            _nextSeed = seed;
            for (int i = 0; i < games; i++)
            {
                _games[i] = factory();
                _games[i].Reset(_nextSeed++);
            }
        }

        public string Name => _games[0].Spec.Name;

        public void StepAll()
        {
            foreach (var game in _games)
            {
                int actionCount = game.Spec.ActionCount;
                int start = _random.NextInt(actionCount);
                int action = start;
                while (!game.IsLegal(action)) action = (action + 1) % actionCount;
                if (game.Step(action).Done) game.Reset(_nextSeed++);
            }
        }
    }
}
