using MuZero.Environments.MinAtar;
using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

public sealed class MinAtarConfigTests
{
    private const string Network = """ "network": { "kind": "resnet", "blocks": 1, "channels": 8, "value_support_size": 5, "reward_support_size": 2 } """;

    [Fact]
    public void DefaultsAreFilledInAndTheOptionsReachTheGame()
    {
        var defaults = ConfigLoader.Parse($$"""{ "environment": { "name": "minatar-seaquest" }, {{Network}} }""", "x.json");
        Assert.Equal((0.1, false, true), (defaults.Environment.StickyActionProbability, defaults.Environment.MinimalActionSet, defaults.Environment.Ramping));
        string json = ConfigLoader.ToJson(defaults);
        Assert.Contains("\"sticky_action_probability\": 0.1", json);
        Assert.Contains("\"ramping\": true", json);

        var set = ConfigLoader.Parse($$"""{ "environment": { "name": "minatar-breakout", "sticky_action_probability": 0, "minimal_action_set": true }, {{Network}} }""", "x.json");
        var game = Assert.IsType<Breakout>(set.Environment.Create());
        Assert.Equal(new MinAtarSettings(0, true, true), game.Settings);
        Assert.Equal([4, 10, 10], set.Environment.Spec().ObservationShape);
        Assert.Equal(3, set.Environment.Spec().ActionCount);
        Assert.Null(set.Environment.Ramping);
        Assert.DoesNotContain("ramping", ConfigLoader.ToJson(set));
    }

    [Theory]
    [InlineData("""{ "name": "minatar-freeway", "sticky_action_probability": 1.5 }""", "x.json: environment.sticky_action_probability must be in [0, 1], got 1.5")]
    [InlineData("""{ "name": "minatar-freeway", "ramping": false }""", "x.json: environment.ramping must be absent (minatar-freeway takes sticky_action_probability, minimal_action_set), got false")]
    [InlineData("""{ "name": "connect4", "sticky_action_probability": 0.2 }""", "x.json: environment.sticky_action_probability must be absent (connect4 takes no options), got 0.2")]
    public void BadOptionsAreOneLineNamingTheField(string environment, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($$"""{ "environment": {{environment}}, {{Network}} }""", "x.json"));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("asterix")]
    [InlineData("breakout")]
    [InlineData("freeway")]
    [InlineData("seaquest")]
    [InlineData("space-invaders")]
    public void TheDraftConfigsLoadWithThePublishedProtocol(string game)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MuZero.sln"))) root = root.Parent;
        string path = Path.Combine(root!.FullName, "configs", $"minatar-{game}.json");
        var config = ConfigLoader.Load(path, []);
        Assert.Equal($"minatar-{game}", config.Environment.Name);
        Assert.Equal((0.1, false), (config.Environment.StickyActionProbability, config.Environment.MinimalActionSet));
        Assert.NotEqual(false, config.Environment.Ramping);
        Assert.Equal(6, config.Environment.Spec().ActionCount);

        var overridden = ConfigLoader.Load(path, ConfigOverride.ParseAll(["environment.sticky_action_probability=0", "environment.minimal_action_set=true"]));
        var created = Assert.IsAssignableFrom<MinAtarGame>(overridden.Environment.Create());
        Assert.Equal((0.0, true), (created.Settings.StickyActionProbability, created.Settings.MinimalActionSet));
    }
}
