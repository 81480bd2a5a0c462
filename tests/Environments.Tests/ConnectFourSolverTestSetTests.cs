namespace MuZero.Environments.Tests;

/// <summary>
/// The solver against Pons' published test sets (tests/data/connect4): every position of the end and middle
/// sets and of the easy beginning set, and fixed samples of the two harder beginning sets, to keep the time
/// within a few seconds per test. `muzero solve --positions` (scripts/connect4-solver-bench.sh) runs them all.
/// </summary>
public sealed class ConnectFourSolverTestSetTests
{
    [Theory]
    [InlineData("Test_L3_R1", ConnectFourSolveMode.Strong)]
    [InlineData("Test_L3_R1", ConnectFourSolveMode.Weak)]
    [InlineData("Test_L2_R1", ConnectFourSolveMode.Strong)]
    [InlineData("Test_L2_R1", ConnectFourSolveMode.Weak)]
    [InlineData("Test_L1_R1", ConnectFourSolveMode.Strong)]
    [InlineData("Test_L2_R2", ConnectFourSolveMode.Strong)]
    [InlineData("Test_L2_R2", ConnectFourSolveMode.Weak)]
    public void EveryPositionOfTheSetIsScoredRight(string name, ConnectFourSolveMode mode)
    {
        var set = Load(name);
        Assert.Equal(1000, set.Positions.Count);
        AssertScores(set.Positions, mode);
    }

    [Theory]
    [InlineData("Test_L1_R2", ConnectFourSolveMode.Strong, 0, 40)]
    [InlineData("Test_L1_R2", ConnectFourSolveMode.Weak, 500, 40)]
    [InlineData("Test_L1_R1", ConnectFourSolveMode.Weak, 0, 200)]
    public void AFixedSliceOfTheSetIsScoredRight(string name, ConnectFourSolveMode mode, int first, int count)
    {
        AssertScores(Load(name).Positions.Skip(first).Take(count).ToList(), mode);
    }

    [Fact]
    public void FixedPositionsOfTheHardestSetAreScoredRight()
    {
        // Lines 2, 3 and 6 of Test_L1_R3, chosen among its first lines for being cheap: about 14 million nodes
        // together (a second or two on one core), where the set averages tens of millions per position.
        var positions = Load("Test_L1_R3").Positions;
        AssertScores([positions[1], positions[2], positions[5]], ConnectFourSolveMode.Strong);
    }

    [Fact]
    public void BenchmarkReportsCorrectnessTimeAndNodes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"c4-bench-{Guid.NewGuid():N}");
        // The second score is deliberately wrong (4455 scores 18).
        File.WriteAllLines(path, ["112233 18", "4455 17", "", "33445 -18"]);
        try
        {
            var set = ConnectFourTestSet.Load(path);
            var result = ConnectFourSolverBenchmark.Run(set, new ConnectFourSolver(16), ConnectFourSolveMode.Strong);
            Assert.Equal(3, result.Positions);
            Assert.Equal(2, result.Correct);
            Assert.False(result.AllCorrect);
            Assert.Equal([new ConnectFourMismatch(2, "4455", 17, 18)], result.Mismatches);
            Assert.True(result.MeanNodes > 0);
            Assert.True(result.MeanSeconds > 0);
            Assert.Null(result.Published);

            var weak = ConnectFourSolverBenchmark.Run(set, new ConnectFourSolver(16), ConnectFourSolveMode.Weak, limit: 2);
            Assert.Equal(2, weak.Positions);
            Assert.True(weak.AllCorrect); // signs only: 17 and 18 are both wins
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PublishedFiguresAreFoundByFileName()
    {
        var published = ConnectFourPublishedResult.Find("Test_L1_R3");
        Assert.NotNull(published);
        Assert.Equal(5.490, published.Seconds(ConnectFourSolveMode.Strong));
        Assert.Equal(3.149, published.Seconds(ConnectFourSolveMode.Weak));
        Assert.Equal(6, ConnectFourPublishedResult.All.Count);
        Assert.Null(ConnectFourPublishedResult.Find("Test_L9_R9"));
    }

    [Theory]
    [InlineData("4455", "where: expected '<moves> <score>', got '4455'")]
    [InlineData("4455 18 3", "where: expected '<moves> <score>', got '4455 18 3'")]
    [InlineData("4458 18", "where: move 4 of \"4458\": '8' is not a column 1..7")]
    [InlineData("4455 x", "where: score 'x' is not an integer")]
    [InlineData("4455 20", "where: score 20 is impossible after 4 moves (expected -19..19)")]
    [InlineData("1212121 5", "where: the game of \"1212121\" is over; a test position needs a move to play")]
    public void BadLinesAreRejectedWithTheirPlace(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => ConnectFourTestSet.ParseLine(line, "where"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void LoadNamesTheFileAndLineOfABadLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"c4-bad-{Guid.NewGuid():N}");
        File.WriteAllLines(path, ["4455 18", "", "44x 3"]);
        try
        {
            var error = Assert.Throws<FormatException>(() => ConnectFourTestSet.Load(path));
            Assert.Equal($"{path}:3: move 3 of \"44x\": 'x' is not a column 1..7", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<FileNotFoundException>(() => ConnectFourTestSet.Load(path));
    }

    private static void AssertScores(IReadOnlyList<ConnectFourScoredPosition> positions, ConnectFourSolveMode mode)
    {
        var solver = new ConnectFourSolver();
        var wrong = new List<string>();
        foreach (var entry in positions)
        {
            int expected = mode == ConnectFourSolveMode.Weak ? Math.Sign(entry.Score) : entry.Score;
            int actual = solver.Solve(entry.Position, mode);
            if (actual != expected) wrong.Add($"line {entry.Line} {entry.Moves}: expected {expected}, got {actual}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {positions.Count} wrong: {string.Join("; ", wrong.Take(5))}");
    }

    private static ConnectFourTestSet Load(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, $"no MuZero.sln above {AppContext.BaseDirectory}: cannot find tests/data/connect4");
        return ConnectFourTestSet.Load(Path.Combine(dir.FullName, "tests", "data", "connect4", name));
    }
}
