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
    public void SymmetryAugmentationIsForBoardGamesOnly()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "training": { "symmetry_augmentation": true } }""", "x.json"));
        Assert.Equal("x.json: training.symmetry_augmentation must be false for 'cartpole' (only the board games tictactoe, connect4, gomoku have symmetries), got true", e.Message);
        var board = ConfigLoader.Parse("""{ "environment": { "name": "connect4" }, "training": { "symmetry_augmentation": true } }""", "x.json");
        Assert.True(board.Training.SymmetryAugmentation);
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

    [Theory]
    [InlineData("""{ "evaluation": { "stop_at": { "min_mean_return": 475 } } }""",
        "evaluation.interval must be > 0 with evaluation.stop_at (the goal is checked at the evaluations during training), got 0")]
    [InlineData("""{ "evaluation": { "interval": 100, "stop_at": { "max_losses": 0 } } }""",
        "evaluation.stop_at.max_losses must be absent for the single-player game cartpole (use min_mean_return), got 0")]
    [InlineData("""{ "evaluation": { "interval": 100, "stop_at": { } } }""",
        "evaluation.stop_at.min_mean_return must be a mean return for the single-player game cartpole, got null")]
    [InlineData("""{ "environment": { "name": "tictactoe" }, "evaluation": { "interval": 100, "stop_at": { "min_mean_return": 1 } } }""",
        "evaluation.stop_at.min_mean_return must be absent for the two-player game tictactoe (use max_losses), got 1")]
    [InlineData("""{ "environment": { "name": "tictactoe" }, "evaluation": { "interval": 100, "episodes": 50, "stop_at": { "max_losses": 51 } } }""",
        "evaluation.stop_at.max_losses must be <= 50, got 51")]
    public void BadStopAtGoalsAreOneLine(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Fact]
    public void StopAtGoalsLoadAndCompare()
    {
        var single = ConfigLoader.Parse("""{ "evaluation": { "interval": 100, "stop_at": { "min_mean_return": 475 } } }""", "x.json").Evaluation.StopAt!;
        Assert.True(single.IsReachedBy(475.0));
        Assert.False(single.IsReachedBy(474.99));
        var two = ConfigLoader.Parse("""{ "environment": { "name": "tictactoe" }, "evaluation": { "interval": 100, "stop_at": { "max_losses": 0 } } }""", "x.json").Evaluation.StopAt!;
        Assert.True(two.IsReachedBy(0));
        Assert.False(two.IsReachedBy(1));
        Assert.Equal("at most 0 losses", two.ToString());
        Assert.Equal("mean return >= 475", single.ToString());
    }

    private static string ErrorOf(string json, long availableMemoryBytes = 16L << 30)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "x.json", availableMemoryBytes));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void EmbeddedDefaultConfigsLoad()
    {
        // The CLI embeds copies of configs/*.json; the copies are the files, so loading the files covers them,
        // and this checks they also pass with a small memory budget (a 4 GiB machine).
        foreach (string path in Directory.GetFiles(RepoFile("configs"), "*.json"))
            ConfigLoader.Parse(File.ReadAllText(path), path, 4L << 30);
        ConfigLoader.Parse("{}", "defaults", 4L << 30);
    }

    [Theory]
    [InlineData("network", "network must be an object, got null")]
    [InlineData("environment", "environment must be an object, got null")]
    [InlineData("search", "search must be an object, got null")]
    [InlineData("self_play", "self_play must be an object, got null")]
    [InlineData("replay", "replay must be an object, got null")]
    [InlineData("training", "training must be an object, got null")]
    [InlineData("evaluation", "evaluation must be an object, got null")]
    [InlineData("name", "name must be a string, got null")]
    public void NullSectionsAreOneLine(string field, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf($$"""{ "{{field}}": null }"""));
    }

    [Theory]
    [InlineData("""{ "training": { "learning_rate_schedule": null } }""", "training.learning_rate_schedule must be an object, got null")]
    [InlineData("""{ "training": { "learning_rate_schedule": { "kind": null } } }""", "training.learning_rate_schedule.kind must be a string, got null")]
    [InlineData("""{ "training": { "optimizer": null } }""", "training.optimizer must be a string, got null")]
    [InlineData("""{ "network": { "kind": null } }""", "network.kind must be a string, got null")]
    [InlineData("""{ "environment": { "name": null } }""", "environment.name must be a string, got null")]
    [InlineData("""{ "evaluation": { "opponent": null } }""", "evaluation.opponent must be a string, got null")]
    [InlineData("""{ "self_play": { "temperature": null } }""", "self_play.temperature must be a list, got null")]
    [InlineData("""{ "self_play": { "temperature": [null] } }""", "self_play.temperature[0] must be an object, got null")]
    public void NullFieldsAreOneLine(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Theory]
    [InlineData("network", "latent_size", 2147483647, "<= 4096")]
    [InlineData("network", "hidden_size", 2147483647, "<= 8192")]
    [InlineData("network", "hidden_layers", 2147483647, "<= 64")]
    [InlineData("network", "value_support_size", 2147483647, "<= 1000")]
    [InlineData("network", "reward_support_size", 2147483647, "<= 1000")]
    [InlineData("search", "simulations", 2147483647, "<= 100000")]
    [InlineData("self_play", "parallel_games", 2147483647, "<= 65536")]
    [InlineData("replay", "capacity_steps", 1073741825, "<= 536870912")]
    [InlineData("replay", "td_steps", 2147483647, "<= 1000000")]
    [InlineData("training", "batch_size", 2147483647, "<= 65536")]
    [InlineData("training", "unroll_steps", 100000, "<= 100")]
    [InlineData("evaluation", "episodes", 2147483647, "<= 100000")]
    [InlineData("evaluation", "simulations", 2147483647, "<= 100000")]
    public void HugeIntegersAreRejectedAtLoad(string section, string field, long value, string expected)
    {
        Assert.Equal($"x.json: {section}.{field} must be {expected}, got {value}",
            ErrorOf($$"""{ "{{section}}": { "{{field}}": {{value}} } }"""));
    }

    [Theory]
    [InlineData("""{ "search": { "shards": -1 } }""", "search.shards must be >= 0, got -1")]
    [InlineData("""{ "search": { "shards": 2, "pipeline_groups": 2 } }""", "search.shards must be 0 or 1 with search.pipeline_groups > 1 (a search is pipelined or sharded), got 2")]
    public void ShardsAreAutomaticNoneOrACountWithoutPipelining(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Fact]
    public void AllocationsBeyondMemoryAreRejectedWithTheEstimate()
    {
        // 2^29 CartPole positions are about 30 GiB of replay: too much for 16 GiB.
        string message = ErrorOf("""{ "replay": { "capacity_steps": 536870912 } }""", 16L << 30);
        Assert.StartsWith("x.json: replay.capacity_steps must be small enough for memory (estimated ", message);
        Assert.Contains(" bytes (", message);
        Assert.Contains("17,179,869,184 bytes (16.0 GiB) available", message);
        Assert.EndsWith(", got 536870912", message);

        message = ErrorOf("""{ "self_play": { "parallel_games": 65536 }, "search": { "simulations": 100000 } }""");
        Assert.StartsWith("x.json: self_play.parallel_games must be small enough for memory", message);

        message = ErrorOf("""{ "training": { "batch_size": 65536, "unroll_steps": 100 }, "network": { "hidden_size": 4096, "hidden_layers": 4 } }""");
        Assert.StartsWith("x.json: training.batch_size must be small enough for memory", message);
    }

    [Theory]
    [InlineData("""{ "training": { "learning_rate": 1e300 } }""", "training.learning_rate must be in (0, 10], got 1E+300")]
    [InlineData("""{ "training": { "learning_rate": 0 } }""", "training.learning_rate must be in (0, 10], got 0")]
    [InlineData("""{ "search": { "pb_c_base": 1e400 } }""", "search.pb_c_base must be a finite number, got Infinity")]
    [InlineData("""{ "search": { "pb_c_init": -1e400 } }""", "search.pb_c_init must be a finite number, got -Infinity")]
    [InlineData("""{ "search": { "discount": 1e400 } }""", "search.discount must be a finite number, got Infinity")]
    [InlineData("""{ "search": { "dirichlet_alpha": 1e400 } }""", "search.dirichlet_alpha must be a finite number, got Infinity")]
    [InlineData("""{ "replay": { "priority_alpha": 1e400 } }""", "replay.priority_alpha must be a finite number, got Infinity")]
    [InlineData("""{ "replay": { "priority_beta": 2 } }""", "replay.priority_beta must be in [0, 1], got 2")]
    [InlineData("""{ "training": { "weight_decay": 1e400 } }""", "training.weight_decay must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "momentum": 1e400 } }""", "training.momentum must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "value_loss_weight": 1e400 } }""", "training.value_loss_weight must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "max_grad_norm": 1e400 } }""", "training.max_grad_norm must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "updates_per_env_step": 1e400 } }""", "training.updates_per_env_step must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "max_wall_minutes": 1e400 } }""", "training.max_wall_minutes must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "max_wall_minutes": 1e300 } }""", "training.max_wall_minutes must be <= 10000000 or null, got 1E+300")]
    [InlineData("""{ "training": { "learning_rate_schedule": { "decay_rate": 1e400 } } }""", "training.learning_rate_schedule.decay_rate must be a finite number, got Infinity")]
    [InlineData("""{ "training": { "learning_rate_schedule": { "decay_rate": 2 } } }""", "training.learning_rate_schedule.decay_rate must be in (0, 1], got 2")]
    [InlineData("""{ "self_play": { "temperature": [{ "value": 1e400 }] } }""", "self_play.temperature[0].value must be a finite number, got Infinity")]
    public void DoublesMustBeFiniteAndInRange(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Fact]
    public void DuplicateKeysAreRejectedWithKeyAndLine()
    {
        string message = ErrorOf("{ \"search\": {\n  \"simulations\": 5,\n  \"simulations\": 7 } }");
        Assert.StartsWith("x.json: invalid JSON at 'search.simulations' (line 3)", message);
        Assert.Contains("simulations", message);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/x")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a b")]
    [InlineData("a\\b")]
    public void NamesThatCouldLeaveRunsAreRejected(string name)
    {
        string message = ErrorOf($$"""{ "name": "{{name}}" }""");
        Assert.StartsWith("x.json: name must be 1-100 characters of letters, digits, '-', '_' and '.', not starting with '.', got '", message);
    }

    [Fact]
    public void LongNamesAreRejectedAndGoodNamesPass()
    {
        ErrorOf($$"""{ "name": "{{new string('a', 101)}}" }""");
        Assert.Equal("run-1_v2.0", ConfigLoader.Parse("""{ "name": "run-1_v2.0" }""", "x.json").Name);
    }

    [Theory]
    [InlineData("""{ "network": { "kind": "MLP" } }""", "network.kind must be one of mlp, resnet, got 'MLP'")]
    [InlineData("""{ "network": { "kind": "ResNet" } }""", "network.kind must be one of mlp, resnet, got 'ResNet'")]
    [InlineData("""{ "environment": { "name": "CartPole" } }""", "environment.name must be one of cartpole, tictactoe, connect4, gomoku, minatar-asterix, minatar-breakout, minatar-freeway, minatar-seaquest, minatar-space-invaders, got 'CartPole'")]
    [InlineData("""{ "training": { "learning_rate_schedule": { "kind": "Cosine" } } }""", "training.learning_rate_schedule.kind must be one of constant, exponential, cosine, got 'Cosine'")]
    [InlineData("""{ "search": { "unvisited_value": "Parent_Value" } }""", "search.unvisited_value must be one of minimum, parent_value, got 'Parent_Value'")]
    [InlineData("""{ "search": { "unvisited_value": 1 } }""", "search.unvisited_value must be one of minimum, parent_value, got a number")]
    [InlineData("""{ "evaluation": { "opponent": "Random" } }""", "evaluation.opponent must be one of random (the opponents for cartpole), got 'Random'")]
    [InlineData("""{ "evaluation": { "opponent": "perfect" } }""", "evaluation.opponent must be one of random (the opponents for cartpole), got 'perfect'")]
    public void RegistryAndEnumNamesAreLowerCaseAndExact(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Fact]
    public void PerfectOpponentIsValidForTicTacToe()
    {
        var config = ConfigLoader.Parse("""{ "environment": { "name": "tictactoe" }, "evaluation": { "opponent": "perfect" } }""", "x.json");
        Assert.Equal("perfect", config.Evaluation.Opponent);
    }

    [Fact]
    public void GomokuOptionsAreReadAndTheirDefaultsFilledIn()
    {
        var sized = ConfigLoader.Parse("""{ "environment": { "name": "gomoku", "board_size": 13, "win_length": 4 } }""", "x.json");
        Assert.Equal((13, 4), (sized.Environment.BoardSize, sized.Environment.WinLength));
        var game = Assert.IsType<MuZero.Environments.Gomoku>(sized.Environment.Create());
        Assert.Equal((13, 4), (game.BoardSize, game.WinLength));
        Assert.Equal([3, 13, 13], sized.Environment.Spec().ObservationShape);

        var defaults = ConfigLoader.Parse("""{ "environment": { "name": "gomoku" } }""", "x.json");
        Assert.Equal((9, 5), (defaults.Environment.BoardSize, defaults.Environment.WinLength));
        string json = ConfigLoader.ToJson(defaults);
        Assert.Contains("\"board_size\": 9", json);
        Assert.Equal(json, ConfigLoader.ToJson(ConfigLoader.Parse(json, "round trip")));

        // Games without options keep their resolved config free of them.
        Assert.DoesNotContain("board_size", ConfigLoader.ToJson(ConfigLoader.Parse("""{ "environment": { "name": "connect4" } }""", "x.json")));
    }

    [Theory]
    [InlineData("""{ "environment": { "name": "cartpole", "board_size": 9 } }""", "environment.board_size must be absent (cartpole takes no options), got 9")]
    [InlineData("""{ "environment": { "name": "tictactoe", "win_length": 3 } }""", "environment.win_length must be absent (tictactoe takes no options), got 3")]
    [InlineData("""{ "environment": { "name": "gomoku", "board_size": 25 } }""", "environment.board_size must be in 5..19, got 25")]
    [InlineData("""{ "environment": { "name": "gomoku", "win_length": 10 } }""", "environment.win_length must be in 3..9 (at most board_size, 9 by default), got 10")]
    [InlineData("""{ "environment": { "name": "gomoku", "board_size": 6, "win_length": 7 } }""", "environment.win_length must be in 3..6 (at most board_size, 6), got 7")]
    [InlineData("""{ "environment": { "name": "gomoku", "board_size": "9" } }""", "invalid JSON at 'environment.board_size'")]
    public void EnvironmentOptionsAreCheckedAtLoad(string json, string expected)
    {
        Assert.StartsWith($"x.json: {expected}", ErrorOf(json)); // a wrong JSON type is reported by the reader
    }

    [Theory]
    [InlineData("connect4", "alphabeta:0", "evaluation.opponent must be alphabeta:DEPTH with DEPTH an integer in 1..16, got 'alphabeta:0'")]
    [InlineData("connect4", "alphabeta:", "evaluation.opponent must be alphabeta:DEPTH with DEPTH an integer in 1..16, got 'alphabeta:'")]
    [InlineData("gomoku", "mcts:abc", "evaluation.opponent must be mcts:PLAYOUTS with PLAYOUTS an integer in 1..1000000, got 'mcts:abc'")]
    [InlineData("gomoku", "perfect", "evaluation.opponent must be one of random, alphabeta:DEPTH, mcts:PLAYOUTS (the opponents for gomoku), got 'perfect'")]
    [InlineData("cartpole", "mcts:100", "evaluation.opponent must be one of random (the opponents for cartpole), got 'mcts:100'")]
    public void OpponentSpecsAreCheckedAtLoad(string environment, string opponent, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf($$"""{ "environment": { "name": "{{environment}}" }, "evaluation": { "opponent": "{{opponent}}" } }"""));
    }

    [Theory]
    [InlineData("connect4", "alphabeta:4")]
    [InlineData("connect4", "perfect")]
    [InlineData("gomoku", "mcts:1000")]
    [InlineData("tictactoe", "alphabeta:9")]
    public void BoardGameOpponentSpecsLoad(string environment, string opponent)
    {
        var config = ConfigLoader.Parse($$"""{ "environment": { "name": "{{environment}}" }, "evaluation": { "opponent": "{{opponent}}" } }""", "x.json");
        Assert.Equal(opponent, config.Evaluation.Opponent);
    }

    [Fact]
    public void UnknownScheduleKindThrowsInsteadOfFallingBack()
    {
        var e = Assert.Throws<ArgumentException>(() => new LearningRateSchedule { Kind = "linear" }.At(0, 1.0, 10));
        Assert.Contains("constant, exponential, cosine", e.Message);
    }
}
