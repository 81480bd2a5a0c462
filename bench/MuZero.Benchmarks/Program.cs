using System.Globalization;
using BenchmarkDotNet.Running;

namespace MuZero.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher (<c>--filter '*'</c> runs everything, <c>--list flat</c> lists), or
/// <c>cpu-time [ROUNDS]</c>: the tree-work benchmarks timed by the process's CPU time, A and B interleaved round after
/// round, for a machine that other jobs share (wall times there measure the scheduler more than the code); or
/// <c>recurrent-call [BATCH] [CALLS]</c>: one search-time network call, whole and in parts (<see cref="RecurrentCallProfile"/>).
/// <c>search-modes [BATCH] [ROUNDS]</c>: whole searches sharded and unsharded (<see cref="SearchModesProfile"/>).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks named on the command line.</summary>
    public static void Main(string[] args)
    {
        MuZero.Devices.OpenMpSpin.ApplyDefault(); // as the muzero command does, before libtorch loads
        if (args.Length > 0 && args[0] == "cpu-time")
        {
            CpuTime(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15);
            return;
        }
        if (args.Length > 0 && args[0] == "search-modes")
        {
            SearchModesProfile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1024,
                                   args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15);
            return;
        }
        if (args.Length > 0 && args[0] == "recurrent-call")
        {
            RecurrentCallProfile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1024,
                                     args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void CpuTime(int rounds)
    {
        foreach (int actions in new[] { 2, 7, 9 })
        {
            var bench = new TreeWorkBenchmarks { Batch = 1024, Actions = actions };
            bench.Setup();
            (string Name, Action Run)[] cases =
                [("WholeSearch", bench.WholeSearch), ("WholeSearchBefore", bench.WholeSearchBefore), ("DescendingTwice", bench.WholeSearchDescendingTwice)];
            var times = InterleavedRounds.Measure([.. cases.Select(c => c.Run)], warmUpRounds: 3, rounds, calls: 4, InterleavedRounds.Cpu);
            for (int c = 0; c < cases.Length; c++)
                Console.WriteLine(InterleavedRounds.Line($"A={actions} {cases[c].Name}", 22, "CPU ms per search", times[c], "ms"));
        }
    }
}
