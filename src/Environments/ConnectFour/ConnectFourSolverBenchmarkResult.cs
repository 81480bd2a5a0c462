namespace MuZero.Environments;

/// <summary>The solver on one test set: correctness, mean time and mean explored positions per position.</summary>
/// <param name="Set">The file name (e.g. <c>Test_L3_R1</c>).</param>
/// <param name="Path">The file read.</param>
/// <param name="Mode">Strong (exact score) or weak (win / draw / loss, compared with the sign of the file's score).</param>
/// <param name="Positions">Positions solved.</param>
/// <param name="Correct">Positions whose score matched the file.</param>
/// <param name="MeanSeconds">Mean wall-clock seconds per position.</param>
/// <param name="MeanCpuSeconds">Mean CPU seconds per position of the thread that solved (of the process where the system does not say),
/// closer than wall-clock time to an idle machine's time when other work shares the cores.</param>
/// <param name="MaxSeconds">Longest wall-clock time of one position.</param>
/// <param name="MeanNodes">Mean explored positions (search nodes) per position.</param>
/// <param name="Published">Pons' published figures for this set, or null for another file.</param>
/// <param name="Mismatches">The first few wrong positions (at most <see cref="ConnectFourSolverBenchmark.MaxMismatchesKept"/>).</param>
public sealed record ConnectFourSolverBenchmarkResult(
    string Set,
    string Path,
    ConnectFourSolveMode Mode,
    int Positions,
    int Correct,
    double MeanSeconds,
    double MeanCpuSeconds,
    double MaxSeconds,
    double MeanNodes,
    ConnectFourPublishedResult? Published,
    IReadOnlyList<ConnectFourMismatch> Mismatches)
{
    /// <summary>True when every position matched.</summary>
    public bool AllCorrect => Correct == Positions;
}
