using System.Text.Json;
using MuZero.Environments;
using MuZero.Networks;

namespace MuZero.Training.Configuration;

/// <summary>
/// The checks of <c>network</c> that depend on its kind: each kind's own fields in range, the other kind's fields
/// left out (a resnet field given to an mlp, or an mlp size given to a resnet, would silently do nothing), and the
/// residual network only for games with C x H x W observations and an action encoding that fits their board.
/// </summary>
internal static class NetworkConfigRules
{
    public static void Validate(NetworkConfig n, EnvironmentSpec spec, ConfigRules rules)
    {
        if (string.Equals(n.Kind, ResidualNetwork.KindName, StringComparison.Ordinal)) Residual(n, spec, rules);
        else ResidualFieldsLeftOut(n, rules);
    }

    private static void Residual(NetworkConfig n, EnvironmentSpec spec, ConfigRules rules)
    {
        int[] shape = spec.ObservationShape;
        rules.Require(shape.Length == 3, "network.kind", $"mlp for {spec.Name} (its observations [{string.Join(", ", shape)}] are not C x H x W)", $"'{n.Kind}'");

        // These have defaults rather than nulls, so only a changed value shows that the file set one.
        var mlp = new NetworkConfig();
        const string notResnet = "left out for network.kind resnet (an mlp size; the resnet's latent is channels x H x W)";
        rules.Require(n.LatentSize == mlp.LatentSize, "network.latent_size", notResnet, n.LatentSize);
        rules.Require(n.HiddenSize == mlp.HiddenSize, "network.hidden_size", notResnet, n.HiddenSize);
        rules.Require(n.HiddenLayers == mlp.HiddenLayers, "network.hidden_layers", notResnet, n.HiddenLayers);

        if (n.Blocks is int blocks) rules.Int(blocks, "network.blocks", 0, ConfigLimits.MaxBlocks);
        if (n.Channels is int channels) rules.Int(channels, "network.channels", 1, ConfigLimits.MaxChannels);
        if (n.PredictionBlocks is int predictionBlocks) rules.Int(predictionBlocks, "network.prediction_blocks", 0, ConfigLimits.MaxBlocks);
        if (n.HeadChannels is int headChannels) rules.Int(headChannels, "network.head_channels", 1, ConfigLimits.MaxChannels);
        if (n.HeadHiddenSizes is { } sizes)
        {
            rules.Require(sizes.Count <= ConfigLimits.MaxHiddenLayers, "network.head_hidden_sizes",
                $"a list of at most {ConfigLimits.MaxHiddenLayers} widths", $"{sizes.Count} widths");
            for (int i = 0; i < sizes.Count; i++) rules.Int(sizes[i], $"network.head_hidden_sizes[{i}]", 1, ConfigLimits.MaxHiddenSize);
        }
        if (n.ActionEncoding is ActionEncoding encoding)
        {
            rules.Require(ActionPlanes.Fits(encoding, spec.ActionCount, shape[1], shape[2]), "network.action_encoding",
                $"one_hot_planes or scaled_plane for {spec.Name} (cell_plane needs one action per cell or per column; " +
                $"it has {spec.ActionCount} actions on {shape[1]} x {shape[2]})", $"'{Name(encoding)}'");
        }
    }

    private static void ResidualFieldsLeftOut(NetworkConfig n, ConfigRules rules)
    {
        (string Field, object? Value)[] residual =
        [
            ("network.blocks", n.Blocks),
            ("network.channels", n.Channels),
            ("network.prediction_blocks", n.PredictionBlocks),
            ("network.head_channels", n.HeadChannels),
            ("network.head_hidden_sizes", n.HeadHiddenSizes is { } sizes ? $"[{string.Join(", ", sizes)}]" : null),
            ("network.normalization", n.Normalization is { } normalization ? $"'{Name(normalization)}'" : null),
            ("network.action_encoding", n.ActionEncoding is { } encoding ? $"'{Name(encoding)}'" : null),
        ];
        foreach (var (field, value) in residual)
            rules.Require(value is null, field, $"left out for network.kind {n.Kind} (a resnet field)", value);
    }

    private static string Name(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
