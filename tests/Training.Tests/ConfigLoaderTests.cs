using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

public sealed class ConfigLoaderTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Theory]
    [InlineData("configs/cartpole.json")]
    [InlineData("configs/tictactoe.json")]
    public void ShippedConfigsLoad(string path)
    {
        var config = ConfigLoader.Load(RepoFile(path));
        Assert.Equal(Path.GetFileNameWithoutExtension(path), config.Environment.Name);
    }

    [Fact]
    public void ResolvedConfigRoundTrips()
    {
        var config = ConfigLoader.Load(RepoFile("configs/tictactoe.json"));
        var again = ConfigLoader.Parse(ConfigLoader.ToJson(config), "round trip");
        Assert.Equal(ConfigLoader.ToJson(config), ConfigLoader.ToJson(again));
        Assert.Equal(config.Search, again.Search);
    }

    [Fact]
    public void MissingFileIsOneClearLine()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/x.json"));
        Assert.Equal("/nonexistent/x.json: config file not found", e.Message);
    }

    [Fact]
    public void InvalidValueNamesFileFieldExpectedAndGot()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "search": { "simulations": 0 } }""", "x.json"));
        Assert.Equal("x.json: search.simulations must be >= 1, got 0", e.Message);
    }

    [Fact]
    public void WrongTypeNamesTheField()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{ \"training\": {\n \"batch_size\": \"big\" } }", "x.json"));
        Assert.StartsWith("x.json: invalid JSON at 'training.batch_size' (line 2)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownFieldIsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "search": { "simulation": 5 } }""", "x.json"));
        Assert.Contains("x.json", e.Message);
        Assert.Contains("simulation", e.Message);
    }

    [Fact]
    public void UnknownEnvironmentListsTheKnownOnes()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "environment": { "name": "chess" } }""", "x.json"));
        Assert.Contains("environment.name must be one of", e.Message);
        Assert.Contains("cartpole", e.Message);
        Assert.Contains("'chess'", e.Message);
    }

    [Fact]
    public void TemperatureScheduleIsPiecewiseByStepAndMove()
    {
        var selfPlay = new SelfPlayConfig
        {
            Temperature = [new TemperatureStep { UntilStep = 10, Value = 1 }, new TemperatureStep { UntilStep = 20, Value = 0.5 }, new TemperatureStep { Value = 0.25 }],
            GreedyAfterMove = 4,
        };
        Assert.Equal(1, selfPlay.TemperatureAt(9, 0));
        Assert.Equal(0.5, selfPlay.TemperatureAt(10, 0));
        Assert.Equal(0.25, selfPlay.TemperatureAt(1000, 3));
        Assert.Equal(0, selfPlay.TemperatureAt(0, 4));
    }

    [Fact]
    public void LearningRateScheduleShapes()
    {
        var exponential = new LearningRateSchedule { Kind = "exponential", DecayRate = 0.5, DecaySteps = 100 };
        Assert.Equal(0.25, exponential.At(200, 1.0, 1000), 10);
        var cosine = new LearningRateSchedule { Kind = "cosine" };
        Assert.Equal(0.5, cosine.At(500, 1.0, 1000), 10);
        var warm = new LearningRateSchedule { WarmupSteps = 10 };
        Assert.Equal(0.1, warm.At(0, 1.0, 1000), 10);
        Assert.Equal(1.0, warm.At(10, 1.0, 1000), 10);
    }
}
