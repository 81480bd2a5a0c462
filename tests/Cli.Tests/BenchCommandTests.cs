namespace MuZero.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void WarmUpLimitsAreCheckedBeforeBenchmarking()
    {
        var (code, output, error) = CommandLineTests.Run("bench", "--min-warmup-seconds", "5", "--max-warmup-seconds", "1");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: --max-warmup-seconds must be >= --min-warmup-seconds (5), got 1", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("bench", "--min-warmup-seconds", "-1");
        Assert.Equal(1, code);
        Assert.Equal("error: --min-warmup-seconds must be >= 0, got -1", CommandLineTests.ErrorLine(error));
    }
}
