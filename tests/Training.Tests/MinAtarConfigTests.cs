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

    [Fact]
    public void HistoryStacksFramesAndActionPlanesIntoTheNetworksInput()
    {
        var config = ConfigLoader.Parse($$"""{ "environment": { "name": "minatar-breakout" }, "observation": { "history_frames": 4, "history_actions": true }, {{Network}} }""", "x.json");
        var layout = MuZero.Training.Observations.ObservationLayout.For(config);
        Assert.Equal([4 * 4 + 4 * 6, 10, 10], layout.InputShape);
        using var network = Assert.IsType<MuZero.Networks.ResidualNetwork>(MuZero.Networks.NetworkRegistry.Create(config.Network, layout.InputShape, 6));
        Assert.Equal([40, 10, 10], network.ObservationShape);
        Assert.Contains("\"history_frames\": 4", ConfigLoader.ToJson(config));
    }

    [Theory]
    [InlineData("""{ "name": "minatar-breakout" }""", """{ "history_frames": 0 }""", "x.json: observation.history_frames must be >= 1, got 0")]
    [InlineData("""{ "name": "minatar-breakout" }""", """{ "history_frames": 65 }""", "x.json: observation.history_frames must be <= 64, got 65")]
    [InlineData("""{ "name": "connect4" }""", """{ "history_frames": 2 }""", "x.json: observation.history_frames must be 1 with history_actions false for connect4 (history is for single-player games), got 2")]
    public void BadHistoryIsOneLineNamingTheField(string environment, string observation, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($$"""{ "environment": {{environment}}, "observation": {{observation}}, {{Network}} }""", "x.json"));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("self_play")]
    [InlineData("evaluation")]
    public void EpisodeCapsArePositiveOrNull(string section)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($$"""{ "environment": { "name": "minatar-breakout" }, "{{section}}": { "max_episode_steps": 0 }, {{Network}} }""", "x.json"));
        Assert.Equal($"x.json: {section}.max_episode_steps must be >= 1 or null, got 0", error.Message);
    }
}
