using System.Text.Json;

namespace MuZero.Cli.Tests;

/// <summary><c>muzero solve</c>: position answers, the test-set table and JSON, and one-line errors.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SolveCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-solve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SolvesAPositionAndEveryColumn()
    {
        var (code, output, _) = CommandLineTests.Run("solve", "33445");
        Assert.Equal(0, code);
        Assert.Equal(
            "33445: score -18 for the second player to move (loss to the opponent's stone 4)\n" +
            "  by column: 1:-18 2:-18 3:-18 4:-18 5:-18 6:-18 7:-18\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void BenchmarksATestSetAndWritesJson()
    {
        string set = Path.Combine(CommandLineTests.RepoRoot(), "tests", "data", "connect4", "Test_L3_R1");
        string json = Path.Combine(_dir, "solve.json");
        var (code, output, _) = CommandLineTests.Run("solve", "--positions", set, "--limit", "50", "--json", json);
        Assert.Equal(0, code);
        Assert.Contains("| Test_L3_R1 | strong | 50 | yes |", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var first = report.RootElement.GetProperty("sets")[0];
        Assert.Equal("strong", report.RootElement.GetProperty("mode").GetString());
        Assert.Equal(50, first.GetProperty("positions").GetInt32());
        Assert.Equal(50, first.GetProperty("correct").GetInt32());
        Assert.True(first.GetProperty("all_correct").GetBoolean());
        Assert.Equal(4.568e-6, first.GetProperty("published").GetProperty("strong_seconds").GetDouble());
    }

    [Fact]
    public void WrongScoresInAFileFailWithTheFirstOne()
    {
        string path = Path.Combine(_dir, "set");
        File.WriteAllLines(path, ["112233 18", "33445 -17"]);
        var (code, output, error) = CommandLineTests.Run("solve", "--positions", path);
        Assert.Equal(1, code);
        Assert.Contains("| set | strong | 2 | no (1) |", output);
        Assert.Equal($"error: {path}: 1 of 2 scores differ (first: line 2 '33445' expected -17, got -18)", ErrorLine(error));
    }

    [Theory]
    [InlineData(new[] { "solve" }, "error: give positions to solve (e.g. 'muzero solve 4455') or --positions FILE...")]
    [InlineData(new[] { "solve", "4458" }, "error: move 4 of \"4458\": '8' is not a column 1..7")]
    [InlineData(new[] { "solve", "4455", "--table-bits", "40" }, "error: --table-bits must be in 10..30, got 40")]
    public void BadArgumentsAreOneErrorLine(string[] args, string message)
    {
        var (code, _, error) = CommandLineTests.Run(args);
        Assert.Equal(1, code);
        Assert.Equal(message, ErrorLine(error));
    }

    [Fact]
    public void ABadFileLineIsNamedByFileAndLine()
    {
        string path = Path.Combine(_dir, "bad");
        File.WriteAllLines(path, ["4455 18", "4455 eighteen"]);
        var (code, output, error) = CommandLineTests.Run("solve", "--positions", path);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {path}:2: score 'eighteen' is not an integer", ErrorLine(error));
    }

    private static string ErrorLine(string stderr)
    {
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", stderr);
        return errors[0];
    }

    [Fact]
    public void OpeningTableOptionsAreCheckedFirst()
    {
        string table = Path.Combine(_dir, "table.txt");
        static string Error(params string[] args)
        {
            var (code, output, error) = CommandLineTests.Run(["solve", .. args]);
            Assert.Equal(1, code);
            Assert.Equal("", output);
            return CommandLineTests.ErrorLine(error);
        }
        Assert.Equal("error: --opening-table needs --out FILE", Error("--opening-table", "2"));
        Assert.Equal("error: --out needs --opening-table DEPTH", Error("--out", table));
        Assert.Equal("error: --opening-table must be in 0..6, got 7", Error("--opening-table", "7", "--out", table));
        Assert.Equal("error: --opening-table writes a table on its own: give no positions, --positions or --json with it", Error("--opening-table", "2", "--out", table, "4455"));
        Assert.StartsWith($"error: --out {Path.Combine(_dir, "no", "t.txt")}: cannot write the file", Error("--opening-table", "2", "--out", Path.Combine(_dir, "no", "t.txt")));
        Assert.False(File.Exists(table));
    }
}
