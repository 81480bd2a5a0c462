using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

/// <summary>The <c>reanalyze</c> section: defaults, which samples a fraction covers, and one-line errors.</summary>
public sealed class ReanalyzeConfigTests
{
    [Fact]
    public void DefaultIsOffAndTheSectionRoundTrips()
    {
        var config = ConfigLoader.Parse("{}", "x.json");
        Assert.Equal(new ReanalyzeConfig { Fraction = 0, TargetRefreshInterval = 100, Simulations = null }, config.Reanalyze);
        Assert.False(config.Reanalyze.Enabled);

        var on = ConfigLoader.Parse("""{ "reanalyze": { "fraction": 0.25, "target_refresh_interval": 50, "simulations": 10 } }""", "x.json");
        string json = ConfigLoader.ToJson(on);
        Assert.Contains("\"target_refresh_interval\": 50", json);
        Assert.Equal(on.Reanalyze, ConfigLoader.Parse(json, "y.json").Reanalyze);
        Assert.True(on.Reanalyze.Enabled);
    }

    [Theory]
    [InlineData("configs/cartpole-reanalyze.json", "configs/cartpole.json")]
    [InlineData("configs/tictactoe-reanalyze.json", "configs/tictactoe.json")]
    public void ShippedReanalyzeConfigsDifferFromTheirBaseOnlyInTheReanalyzeSection(string path, string basePath)
    {
        var config = ConfigLoader.Load(RepoFile(path));
        var plain = ConfigLoader.Load(RepoFile(basePath));
        Assert.True(config.Reanalyze.Enabled);
        Assert.False(plain.Reanalyze.Enabled);
        // The sample-efficiency comparison changes nothing else: same game, network, search, replay ratio and budget.
        Assert.Equal(ConfigLoader.ToJson(plain), ConfigLoader.ToJson(config with { Name = plain.Name, Reanalyze = new ReanalyzeConfig() }));
    }

    [Theory]
    [InlineData(0.25, 4)]
    [InlineData(0.5, 2)]
    [InlineData(0.1, 10)]
    public void AFractionCoversOneSampleInEveryWindowOfItsInverse(double fraction, int window)
    {
        var config = new ReanalyzeConfig { Fraction = fraction };
        for (long start = 0; start < 1000; start += window)
        {
            int covered = 0;
            for (long i = start; i < start + window; i++) covered += config.Covers(i) ? 1 : 0;
            Assert.Equal(1, covered);
        }
    }

    [Fact]
    public void ZeroCoversNothingAndOneCoversEverything()
    {
        var none = new ReanalyzeConfig { Fraction = 0 };
        var all = new ReanalyzeConfig { Fraction = 1 };
        for (long i = 0; i < 500; i++)
        {
            Assert.False(none.Covers(i));
            Assert.True(all.Covers(i));
        }
        // A fraction that is no unit fraction still covers its share exactly over whole periods: 3 of every 10.
        var some = new ReanalyzeConfig { Fraction = 0.3 };
        Assert.Equal(300, Enumerable.Range(0, 1000).Count(i => some.Covers(i)));
    }

    [Theory]
    [InlineData("""{ "reanalyze": null }""", "reanalyze must be an object, got null")]
    [InlineData("""{ "reanalyze": { "fraction": 1.5 } }""", "reanalyze.fraction must be in [0, 1], got 1.5")]
    [InlineData("""{ "reanalyze": { "fraction": -0.1 } }""", "reanalyze.fraction must be in [0, 1], got -0.1")]
    [InlineData("""{ "reanalyze": { "fraction": 1e400 } }""", "reanalyze.fraction must be a finite number, got Infinity")]
    [InlineData("""{ "reanalyze": { "target_refresh_interval": 0 } }""", "reanalyze.target_refresh_interval must be >= 1, got 0")]
    [InlineData("""{ "reanalyze": { "simulations": 0 } }""", "reanalyze.simulations must be >= 1, got 0")]
    [InlineData("""{ "reanalyze": { "simulations": 100001 } }""", "reanalyze.simulations must be <= 100000, got 100001")]
    public void BadReanalyzeSettingsAreOneLine(string json, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "x.json"));
        Assert.Equal($"x.json: {expected}", e.Message);
    }

    [Fact]
    public void UnknownReanalyzeFieldAndBadOverrideAreRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "reanalyze": { "ratio": 0.5 } }""", "x.json"));
        Assert.StartsWith("x.json: invalid JSON at 'reanalyze", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        var o = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{}", "x.json", [ConfigOverride.Parse("reanalyze.fraction=2")]));
        Assert.Equal("--set reanalyze.fraction: reanalyze.fraction must be in [0, 1], got 2", o.Message);
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
