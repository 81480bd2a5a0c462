using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

/// <summary><c>--set field=value</c>: applied to the resolved JSON tree before validation, checked like the file.</summary>
public sealed class ConfigOverrideTests
{
    private const string File = """{ "name": "base", "training": { "batch_size": 64 } }""";

    private static ExperimentConfig Apply(params string[] assignments) =>
        ConfigLoader.Parse(File, "x.json", ConfigOverride.ParseAll(assignments));

    private static string Error(params string[] assignments) =>
        Assert.Throws<ConfigException>(() => Apply(assignments)).Message;

    [Fact]
    public void ValuesAreJsonWherePossibleAndSetFieldsPresentOrDefaulted()
    {
        var config = Apply("training.learning_rate=0.001", "training.batch_size=32", "seed=7", "network.kind=mlp",
            "training.max_grad_norm=2.5", "training.concurrent_self_play=false",
            """self_play.temperature=[{"until_step": 100, "value": 1.0}, {"value": 0.5}]""", "name=123");
        Assert.Equal(0.001, config.Training.LearningRate);
        Assert.Equal(32, config.Training.BatchSize); // written in the file
        Assert.Equal(7UL, config.Seed); // defaulted in the file
        Assert.Equal("mlp", config.Network.Kind); // bare string
        Assert.Equal(2.5, config.Training.MaxGradNorm); // null by default
        Assert.False(config.Training.ConcurrentSelfPlay);
        Assert.Equal([new TemperatureStep { UntilStep = 100, Value = 1.0 }, new TemperatureStep { Value = 0.5 }], config.SelfPlay.Temperature);
        Assert.Equal("123", config.Name); // a string field takes the text, not the number
        // The resolved config (what a run records in config.json) holds the final values.
        Assert.Contains("\"learning_rate\": 0.001", ConfigLoader.ToJson(config));
    }

    [Fact]
    public void IndexedPathsAndNullWork()
    {
        var config = Apply("self_play.temperature[0].value=0.25", "training.max_grad_norm=null", "training.learning_rate_schedule.kind=cosine");
        Assert.Equal(0.25, config.SelfPlay.Temperature[0].Value);
        Assert.Null(config.Training.MaxGradNorm);
        Assert.Equal("cosine", config.Training.LearningRateSchedule.Kind);
    }

    [Fact]
    public void WrongFieldIsOneLineListingTheSectionsFields()
    {
        string message = Error("training.learnig_rate=0.1");
        Assert.StartsWith("--set training.learnig_rate: unknown field 'learnig_rate' in training; its fields are training_steps, max_wall_minutes, batch_size,", message);
        Assert.Equal("--set nope: unknown field 'nope' in the config; its fields are name, seed, environment, network, search, self_play, replay, training, reanalyze, evaluation",
            Error("nope=1"));
        Assert.Equal("--set seed.x: seed is not an object", Error("seed.x=1"));
        Assert.Equal("--set self_play.temperature[3]: index 3 is out of range: self_play.temperature has 1 entries", Error("self_play.temperature[3]=1"));
    }

    [Fact]
    public void WrongTypeIsOneLineSayingWhatTheFieldTakes()
    {
        Assert.Equal("--set training.batch_size: training.batch_size must be an integer, got 'big'", Error("training.batch_size=big"));
        Assert.Equal("--set training.batch_size: training.batch_size must be an integer, got 1.5", Error("training.batch_size=1.5"));
        Assert.Equal("--set training.max_grad_norm: training.max_grad_norm must be a number or null, got 'x'", Error("training.max_grad_norm=x"));
        Assert.Equal("--set training.concurrent_self_play: training.concurrent_self_play must be true or false, got 1", Error("training.concurrent_self_play=1"));
        Assert.Equal("--set search.unvisited_value: search.unvisited_value must be one of minimum, parent_value, got 'Parent_Value'", Error("search.unvisited_value=Parent_Value"));
    }

    [Fact]
    public void BadValueIsTheFilesErrorNamingTheOverride()
    {
        Assert.Equal("--set training.learning_rate: training.learning_rate must be in (0, 10], got 20", Error("training.learning_rate=20"));
        Assert.Equal("--set network.kind: network.kind must be one of mlp, resnet, got 'conv'", Error("network.kind=conv"));
        Assert.Equal("--set self_play.temperature: self_play.temperature must be a non-empty list, got []", Error("self_play.temperature=[]"));
        Assert.Equal("--set self_play.temperature: self_play.temperature[0].value must be >= 0, got -1", Error("""self_play.temperature=[{"value":-1}]"""));
        // A value the override did not write is still blamed on the file.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "search": { "simulations": 0 } }""", "x.json", ConfigOverride.ParseAll(["seed=3"])));
        Assert.Equal("x.json: search.simulations must be >= 1, got 0", e.Message);
        // ... and one the override fixes is accepted.
        var fixedConfig = ConfigLoader.Parse("""{ "search": { "simulations": 0 } }""", "x.json", ConfigOverride.ParseAll(["search.simulations=5"]));
        Assert.Equal(5, fixedConfig.Search.Simulations);
    }

    [Fact]
    public void MalformedOrRepeatedAssignmentsAreRefused()
    {
        Assert.Equal("--set training.batch_size: expected field=value, e.g. training.learning_rate=0.001",
            Assert.Throws<ConfigException>(() => ConfigOverride.Parse("training.batch_size")).Message);
        Assert.StartsWith("--set Training.Batch=1: 'Training.Batch' is not a field path",
            Assert.Throws<ConfigException>(() => ConfigOverride.Parse("Training.Batch=1")).Message);
        Assert.Equal("--set seed: given twice", Assert.Throws<ConfigException>(() => ConfigOverride.ParseAll(["seed=1", "seed=2"])).Message);
    }

    [Fact]
    public void OptionsTheResolvedConfigLeavesOutCanBeSetAndAreCheckedLikeTheFile()
    {
        var config = ConfigLoader.Parse("""{ "environment": { "name": "gomoku" } }""", "x.json", ConfigOverride.ParseAll(["environment.board_size=11"]));
        Assert.Equal((11, 5), (config.Environment.BoardSize, config.Environment.WinLength));
        var e = Assert.Throws<ConfigException>(() => Apply("environment.board_size=11")); // cartpole has no board
        Assert.StartsWith("--set environment.board_size: environment.board_size must be ", e.Message);
    }

    [Fact]
    public void NoOverridesIsTheFileAsItIs()
    {
        Assert.Equal(ConfigLoader.ToJson(ConfigLoader.Parse(File, "x.json")), ConfigLoader.ToJson(Apply()));
    }
}
