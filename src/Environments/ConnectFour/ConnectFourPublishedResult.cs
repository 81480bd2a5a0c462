namespace MuZero.Environments;

/// <summary>
/// Pascal Pons' published figures for his C++ solver on one of his six test sets (blog.gamesolver.org, "Solving
/// Connect 4", part 12: lower-bound transposition table, the tutorial's final version; about 12 million
/// positions per second on one core): mean time and mean explored positions per test position.
/// </summary>
/// <param name="Set">The test-set file name, e.g. <c>Test_L3_R1</c>.</param>
/// <param name="Label">Pons' name for the set, e.g. <c>End-Easy</c>.</param>
/// <param name="StrongSeconds">Mean seconds per position for the exact score.</param>
/// <param name="StrongNodes">Mean explored positions per position for the exact score.</param>
/// <param name="WeakSeconds">Mean seconds per position for win / draw / loss.</param>
/// <param name="WeakNodes">Mean explored positions per position for win / draw / loss.</param>
public sealed record ConnectFourPublishedResult(string Set, string Label, double StrongSeconds, double StrongNodes, double WeakSeconds, double WeakNodes)
{
    /// <summary>The six sets, easiest first, as published.</summary>
    public static IReadOnlyList<ConnectFourPublishedResult> All { get; } =
    [
        new("Test_L3_R1", "End-Easy", 4.568e-6, 51.28, 3.217e-6, 29.36),
        new("Test_L2_R1", "Middle-Easy", 37.45e-6, 449.6, 47.73e-6, 532.7),
        new("Test_L2_R2", "Middle-Medium", 3.212e-3, 39_900, 1.717e-3, 20_210),
        new("Test_L1_R1", "Begin-Easy", 254.6e-6, 3_298, 1.870e-3, 22_230),
        new("Test_L1_R2", "Begin-Medium", 96.63e-3, 1_201_000, 45.01e-3, 538_700),
        new("Test_L1_R3", "Begin-Hard", 5.490, 65_920_000, 3.149, 38_120_000),
    ];

    /// <summary>The published figures for the set named <paramref name="set"/> (file name), or null for another file.</summary>
    public static ConnectFourPublishedResult? Find(string set) => All.FirstOrDefault(r => string.Equals(r.Set, set, StringComparison.Ordinal));

    /// <summary>Mean seconds per position in <paramref name="mode"/>.</summary>
    public double Seconds(ConnectFourSolveMode mode) => mode == ConnectFourSolveMode.Weak ? WeakSeconds : StrongSeconds;

    /// <summary>Mean explored positions per position in <paramref name="mode"/>.</summary>
    public double Nodes(ConnectFourSolveMode mode) => mode == ConnectFourSolveMode.Weak ? WeakNodes : StrongNodes;
}
