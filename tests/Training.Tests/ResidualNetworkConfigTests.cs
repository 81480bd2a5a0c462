using MuZero.Environments;
using MuZero.Networks;
using MuZero.Training.Configuration;

namespace MuZero.Training.Tests;

/// <summary>The <c>network</c> fields of kind resnet: validated once at load, one line each, and resolved into the config.</summary>
public sealed class ResidualNetworkConfigTests
{
    private static string ErrorOf(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "x.json", 16L << 30));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static string TicTacToe(string network) => $$"""{ "environment": { "name": "tictactoe" }, "network": { "kind": "resnet"{{network}} } }""";

    [Fact]
    public void LoadFillsEveryResidualFieldAndTheResolvedConfigRoundTrips()
    {
        var config = ConfigLoader.Parse(TicTacToe(""", "channels": 16, "head_hidden_sizes": [] """), "x.json");
        var n = config.Network;
        Assert.Equal((NetworkConfig.DefaultBlocks, 16, NetworkConfig.DefaultPredictionBlocks, NetworkConfig.DefaultHeadChannels),
            (n.Blocks, n.Channels, n.PredictionBlocks, n.HeadChannels));
        Assert.Empty(n.HeadHiddenSizes!);
        Assert.Equal(NetworkNormalization.Batch, n.Normalization);
        Assert.Equal(ActionEncoding.CellPlane, n.ActionEncoding); // TicTacToe's 9 actions are its 9 cells

        string json = ConfigLoader.ToJson(config);
        Assert.Contains("\"normalization\": \"batch\"", json);
        Assert.Contains("\"action_encoding\": \"cell_plane\"", json);
        Assert.Equal(json, ConfigLoader.ToJson(ConfigLoader.Parse(json, "round trip")));
    }

    [Theory]
    [InlineData("""{ "name": "connect4" }""", 7, 6, 7)]                         // an action per column
    [InlineData("""{ "name": "gomoku", "board_size": 7, "win_length": 4 }""", 49, 7, 7)] // an action per cell
    public void BoardGamesGetTheCellPlaneOnTheirBoard(string environment, int actions, int height, int width)
    {
        var config = ConfigLoader.Parse($$"""{ "environment": {{environment}}, "network": { "kind": "resnet" } }""", "x.json");
        var spec = config.Environment.Spec();
        Assert.Equal((actions, height, width), (spec.ActionCount, spec.ObservationShape[1], spec.ObservationShape[2]));
        Assert.Equal(ActionEncoding.CellPlane, config.Network.ActionEncoding);
        using var network = Assert.IsType<ResidualNetwork>(NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount));
        Assert.Equal(ActionEncoding.CellPlane, network.ActionEncoding);
    }

    [Fact]
    public void SetOverridesSwitchTheKindAndSetResidualFields()
    {
        var overrides = ConfigOverride.ParseAll(["network.kind=resnet", "network.blocks=1", "network.head_hidden_sizes=[8,8]", "network.normalization=layer"]);
        var config = ConfigLoader.Parse("""{ "environment": { "name": "connect4" } }""", "x.json", overrides);
        Assert.Equal((1, NetworkConfig.DefaultChannels, NetworkNormalization.Layer), (config.Network.Blocks, config.Network.Channels, config.Network.Normalization));
        Assert.Equal([8, 8], config.Network.HeadHiddenSizes!);

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "environment": { "name": "connect4" } }""", "x.json", ConfigOverride.ParseAll(["network.blocks=4"])));
        Assert.Equal("--set network.blocks: network.blocks must be left out for network.kind mlp (a resnet field), got 4", e.Message);
    }

    [Fact]
    public void MlpConfigsGainNoResidualFields()
    {
        var config = ConfigLoader.Parse("""{ "environment": { "name": "tictactoe" } }""", "x.json");
        string json = ConfigLoader.ToJson(config);
        foreach (string field in new[] { "blocks", "channels", "head_channels", "head_hidden_sizes", "normalization", "action_encoding" })
            Assert.DoesNotContain($"\"{field}\"", json);
        Assert.Null(config.Network.Blocks);
    }

    [Theory]
    [InlineData("""{ "network": { "kind": "resnet" } }""", "network.kind must be mlp for cartpole (its observations [4] are not C x H x W), got 'resnet'")]
    [InlineData("""{ "network": { "blocks": 4 } }""", "network.blocks must be left out for network.kind mlp (a resnet field), got 4")]
    [InlineData("""{ "network": { "channels": 32 } }""", "network.channels must be left out for network.kind mlp (a resnet field), got 32")]
    [InlineData("""{ "network": { "prediction_blocks": 0 } }""", "network.prediction_blocks must be left out for network.kind mlp (a resnet field), got 0")]
    [InlineData("""{ "network": { "head_channels": 2 } }""", "network.head_channels must be left out for network.kind mlp (a resnet field), got 2")]
    [InlineData("""{ "network": { "head_hidden_sizes": [8, 4] } }""", "network.head_hidden_sizes must be left out for network.kind mlp (a resnet field), got [8, 4]")]
    [InlineData("""{ "network": { "normalization": "layer" } }""", "network.normalization must be left out for network.kind mlp (a resnet field), got 'layer'")]
    [InlineData("""{ "network": { "action_encoding": "one_hot_planes" } }""", "network.action_encoding must be left out for network.kind mlp (a resnet field), got 'one_hot_planes'")]
    public void ResidualFieldsAreRejectedWhereTheyWouldDoNothing(string json, string expected)
    {
        Assert.Equal($"x.json: {expected}", ErrorOf(json));
    }

    [Theory]
    [InlineData(""", "latent_size": 128""", "network.latent_size must be left out for network.kind resnet (an mlp size; the resnet's latent is channels x H x W), got 128")]
    [InlineData(""", "hidden_layers": 3""", "network.hidden_layers must be left out for network.kind resnet (an mlp size; the resnet's latent is channels x H x W), got 3")]
    [InlineData(""", "blocks": -1""", "network.blocks must be >= 0, got -1")]
    [InlineData(""", "blocks": 101""", "network.blocks must be <= 100, got 101")]
    [InlineData(""", "channels": 0""", "network.channels must be >= 1, got 0")]
    [InlineData(""", "prediction_blocks": -2""", "network.prediction_blocks must be >= 0, got -2")]
    [InlineData(""", "head_channels": 4096""", "network.head_channels must be <= 2048, got 4096")]
    [InlineData(""", "head_hidden_sizes": [16, 0]""", "network.head_hidden_sizes[1] must be >= 1, got 0")]
    [InlineData(""", "normalization": "Batch" """, "network.normalization must be one of batch, layer, got 'Batch'")]
    [InlineData(""", "action_encoding": "one_hot" """, "network.action_encoding must be one of one_hot_planes, scaled_plane, cell_plane, got 'one_hot'")]
    [InlineData(""", "channels": 2048, "blocks": 100""", "network.channels must be small enough for memory")]
    public void ResidualFieldsAreCheckedAtLoad(string fields, string expected)
    {
        Assert.StartsWith($"x.json: {expected}", ErrorOf(TicTacToe(fields)));
    }

    [Theory]
    [InlineData("""{ "name": "connect4" }""", """ "blocks": 3, "channels": 32 """)]
    [InlineData("""{ "name": "gomoku" }""", """ "blocks": 1, "channels": 16, "prediction_blocks": 0, "head_hidden_sizes": [] """)]
    [InlineData("""{ "name": "tictactoe" }""", """ "action_encoding": "one_hot_planes", "head_hidden_sizes": [32, 16] """)]
    public void MemoryEstimateCountsTheParameters(string environment, string network)
    {
        var config = ConfigLoader.Parse($$"""{ "environment": {{environment}}, "network": { "kind": "resnet", {{network}} } }""", "x.json");
        var spec = config.Environment.Spec();
        using var built = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        long parameters = built.parameters().Sum(p => p.numel());
        // Weights, gradients and two Adam moments in the learner, plus the actor's and evaluation's copies: 6 floats each.
        double estimated = ConfigMemoryEstimate.For(config, spec).NetworkBytes / (6 * 4);
        Assert.InRange(estimated / parameters, 0.95, 1.05);
    }

    [Fact]
    public void CellPlaneIsRejectedWhereActionsAreNotCellsOrColumns()
    {
        // A MinAtar-shaped game: 6 actions on a 10 x 10 grid.
        var spec = new EnvironmentSpec("grid", [10, 10, 10], 6, 1, 100);
        var rules = new ConfigRules(_ => "x.json", long.MaxValue);
        NetworkConfigRules.Validate(new NetworkConfig { Kind = "resnet", ActionEncoding = ActionEncoding.OneHotPlanes }, spec, rules);
        NetworkConfigRules.Validate(new NetworkConfig { Kind = "resnet", ActionEncoding = ActionEncoding.ScaledPlane }, spec, rules);
        var e = Assert.Throws<ConfigException>(() =>
            NetworkConfigRules.Validate(new NetworkConfig { Kind = "resnet", ActionEncoding = ActionEncoding.CellPlane }, spec, rules));
        Assert.Equal("x.json: network.action_encoding must be one_hot_planes or scaled_plane for grid " +
                     "(cell_plane needs one action per cell or per column; it has 6 actions on 10 x 10), got 'cell_plane'", e.Message);
    }
}
