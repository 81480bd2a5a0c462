using MuZero.Search;
using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

/// <summary><c>search.policy</c> and <c>search.gumbel</c> in config files.</summary>
public sealed class SearchPolicyConfigTests
{
    [Theory]
    [InlineData("configs/cartpole-gumbel.json", "cartpole", 8)]
    [InlineData("configs/tictactoe-gumbel.json", "tictactoe", 16)]
    public void ShippedGumbelConfigsLoadWithinTheirSimulationBudget(string path, string environment, int maxSimulations)
    {
        var config = ConfigLoader.Load(RepoFile(path));
        Assert.Equal(SearchPolicyRegistry.GumbelMuZero, config.Search.Policy);
        Assert.Equal(environment, config.Environment.Name);
        Assert.InRange(config.Search.Simulations, 1, maxSimulations);
    }

    [Fact]
    public void DefaultsAreMuZeroAndMctxGumbelSettingsAndRoundTrip()
    {
        var config = ConfigLoader.Parse("{}", "x.json");
        Assert.Equal("muzero", config.Search.Policy);
        Assert.Equal(new GumbelConfig { MaxConsideredActions = 16, GumbelScale = 1, MaxvisitInit = 50, ValueScale = 0.1 }, config.Search.Gumbel);

        var gumbel = ConfigLoader.Parse("""{ "search": { "policy": "gumbel_muzero", "gumbel": { "max_considered_actions": 4, "value_scale": 0.2 } } }""", "x.json");
        string json = ConfigLoader.ToJson(gumbel);
        Assert.Contains("\"policy\": \"gumbel_muzero\"", json);
        Assert.Contains("\"maxvisit_init\": 50", json);
        Assert.Equal(gumbel.Search, ConfigLoader.Parse(json, "y.json").Search);
        Assert.Equal(4, gumbel.Search.Gumbel.MaxConsideredActions);
        Assert.Equal(0.2, gumbel.Search.Gumbel.ValueScale);
    }

    [Theory]
    [InlineData("""{ "search": { "policy": "alphazero" } }""", "search.policy must be one of muzero, gumbel_muzero, got 'alphazero'")]
    [InlineData("""{ "search": { "policy": "Gumbel_MuZero" } }""", "search.policy must be one of muzero, gumbel_muzero, got 'Gumbel_MuZero'")]
    [InlineData("""{ "search": { "policy": null } }""", "search.policy must be a string, got null")]
    [InlineData("""{ "search": { "gumbel": null } }""", "search.gumbel must be an object, got null")]
    [InlineData("""{ "search": { "gumbel": { "max_considered_actions": 0 } } }""", "search.gumbel.max_considered_actions must be >= 1, got 0")]
    [InlineData("""{ "search": { "gumbel": { "gumbel_scale": -1 } } }""", "search.gumbel.gumbel_scale must be >= 0, got -1")]
    [InlineData("""{ "search": { "gumbel": { "gumbel_scale": 1e400 } } }""", "search.gumbel.gumbel_scale must be a finite number, got Infinity")]
    [InlineData("""{ "search": { "gumbel": { "maxvisit_init": -0.5 } } }""", "search.gumbel.maxvisit_init must be >= 0, got -0.5")]
    [InlineData("""{ "search": { "gumbel": { "maxvisit_init": 1e400 } } }""", "search.gumbel.maxvisit_init must be a finite number, got Infinity")]
    [InlineData("""{ "search": { "gumbel": { "value_scale": 0 } } }""", "search.gumbel.value_scale must be > 0, got 0")]
    public void BadSearchPolicySettingsAreOneLine(string json, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "x.json"));
        Assert.Equal($"x.json: {expected}", e.Message);
    }

    [Fact]
    public void UnknownGumbelFieldIsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "search": { "gumbel": { "considered": 4 } } }""", "x.json"));
        Assert.StartsWith("x.json: invalid JSON at 'search.gumbel", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RegistryBuildsEveryListedPolicyAndRejectsOthers()
    {
        foreach (string name in SearchPolicyRegistry.Names)
            Assert.Equal(name, SearchPolicyRegistry.Create(new SearchConfig { Policy = name }, 3).Name);
        var e = Assert.Throws<ArgumentException>(() => SearchPolicyRegistry.Create(new SearchConfig { Policy = "uct" }, 3));
        Assert.Equal("unknown search.policy 'uct'; known policies: muzero, gumbel_muzero", e.Message);
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
