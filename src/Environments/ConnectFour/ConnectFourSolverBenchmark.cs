using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MuZero.Environments;

/// <summary>
/// Times a <see cref="ConnectFourSolver"/> on test sets the way Pons' benchmark does: every position of a set
/// solved in order with one solver whose transposition table carries over from position to position, timed one
/// by one. The table is cleared (and its pages faulted in) before each set and the JIT is warmed up first, so
/// neither start-up cost lands on the first positions.
/// </summary>
public static class ConnectFourSolverBenchmark
{
    /// <summary>Mismatches kept per set for the report.</summary>
    public const int MaxMismatchesKept = 5;

    /// <summary>
    /// Solves the first <paramref name="limit"/> positions (all when null) of <paramref name="set"/> with
    /// <paramref name="solver"/> and compares each score with the file's. <paramref name="progress"/>, if given,
    /// is called after each position with the number done.
    /// </summary>
    public static ConnectFourSolverBenchmarkResult Run(ConnectFourTestSet set, ConnectFourSolver solver, ConnectFourSolveMode mode, int? limit = null, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(solver);
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be at least 1.");
        int count = Math.Min(limit ?? int.MaxValue, set.Positions.Count);

        WarmUp(solver);
        solver.ClearTable();
        var mismatches = new List<ConnectFourMismatch>();
        int correct = 0;
        long nodesBefore = solver.NodesSearched;
        long totalTicks = 0, maxTicks = 0;
        var cpuClock = new CpuClock();
        for (int i = 0; i < count; i++)
        {
            var entry = set.Positions[i];
            long start = Stopwatch.GetTimestamp();
            int score = solver.Solve(entry.Position, mode);
            long ticks = Stopwatch.GetTimestamp() - start;
            totalTicks += ticks;
            maxTicks = Math.Max(maxTicks, ticks);
            int expected = mode == ConnectFourSolveMode.Weak ? Math.Sign(entry.Score) : entry.Score;
            if (score == expected) correct++;
            else if (mismatches.Count < MaxMismatchesKept) mismatches.Add(new ConnectFourMismatch(entry.Line, entry.Moves, expected, score));
            progress?.Invoke(i + 1);
        }
        double cpuSeconds = cpuClock.ElapsedSeconds();
        double tick = 1.0 / Stopwatch.Frequency;
        return new ConnectFourSolverBenchmarkResult(set.Name, set.Path, mode, count, correct, totalTicks * tick / count, cpuSeconds / count, maxTicks * tick,
            (double)(solver.NodesSearched - nodesBefore) / count, ConnectFourPublishedResult.Find(set.Name), mismatches);
    }

    /// <summary>
    /// CPU time of the calling thread where the system tells it (Linux), else of the whole process: under load the
    /// search's own CPU seconds stay close to what an idle core would take, where wall-clock time does not, and the
    /// thread's count leaves out the runtime's background compilation and collection threads.
    /// </summary>
    private sealed class CpuClock
    {
        private const int ThreadCpuClockId = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

        private readonly bool _perThread;
        private readonly double _start;

        public CpuClock()
        {
            _perThread = OperatingSystem.IsLinux() && TryThreadSeconds(out _);
            _start = Now();
        }

        public double ElapsedSeconds() => Now() - _start;

        private double Now()
        {
            if (_perThread && TryThreadSeconds(out double seconds)) return seconds;
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }

        private static bool TryThreadSeconds(out double seconds)
        {
            seconds = 0;
            try
            {
                if (ClockGetTime(ThreadCpuClockId, out var time) != 0) return false;
                seconds = time.Seconds + time.Nanoseconds * 1e-9;
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);
    }

    /// <summary>
    /// Solves a few hundred fixed late-game positions (from seeded random games, milliseconds in all), pauses, and
    /// solves them again, so that the methods around the search are compiled with full optimization before
    /// anything is timed: the runtime recompiles a hot method in the background after about 100 ms without new
    /// compilations, which would otherwise fall inside the first timed positions.
    /// </summary>
    private static void WarmUp(ConnectFourSolver solver)
    {
        Span<int> columns = stackalloc int[ConnectFourPosition.Width];
        for (int round = 0; round < 2; round++)
        {
            if (round > 0) Thread.Sleep(TimeSpan.FromMilliseconds(300));
            var random = new SplitMix64(20240601);
            for (int game = 0; game < 300; game++)
            {
                var position = ConnectFourPosition.Empty;
                while (position.MovesPlayed < 34)
                {
                    // Random moves that neither win nor fill the board, so the result is a position to solve.
                    int count = 0;
                    for (int column = 0; column < ConnectFourPosition.Width; column++)
                    {
                        if (position.CanPlay(column) && !position.IsWinningMove(column)) columns[count++] = column;
                    }
                    if (count == 0) break;
                    position = position.Play(columns[random.NextInt(count)]);
                }
                solver.Solve(position, ConnectFourSolveMode.Strong);
                solver.Solve(position, ConnectFourSolveMode.Weak);
            }
        }
    }
}
