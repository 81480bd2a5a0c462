using System.Diagnostics;
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
            var times = cases.Select(_ => new List<double>()).ToArray();
            for (int round = -3; round < rounds; round++) // 3 rounds of warm-up
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
                    for (int i = 0; i < 4; i++) cases[c].Run();
                    double ms = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds / 4;
                    if (round >= 0) times[c].Add(ms);
                }
            }
            for (int c = 0; c < cases.Length; c++)
            {
                var sorted = times[c].Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"A={actions} {cases[c].Name,-18} CPU ms per search: min {sorted[0]:F2} median {sorted[sorted.Length / 2]:F2} max {sorted[^1]:F2}"));
            }
        }
    }
}
