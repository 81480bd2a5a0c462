using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>Builds the normalization layer that follows a convolution, for <see cref="NetworkNormalization"/>.</summary>
internal static class ConvNormalization
{
    /// <summary>A [B, C, H, W] -> [B, C, H, W] normalization over <paramref name="channels"/> channels.</summary>
    public static nn.Module<Tensor, Tensor> Create(NetworkNormalization kind, long channels) => kind switch
    {
        NetworkNormalization.Batch => new ChannelBatchNorm(channels),
        NetworkNormalization.Layer => LayerNorm(channels),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown normalization"),
    };

    /// <summary>Group norm with one group: each example normalized over [C, H, W], then scaled and shifted per channel.</summary>
    private static GroupNorm LayerNorm(long channels)
    {
        var norm = nn.GroupNorm(1, channels);
        // TorchSharp 0.107 leaves GroupNorm's scale and shift uninitialized (garbage, NaN at times): set PyTorch's 1 and 0.
        using var noGrad = no_grad();
        nn.init.ones_(norm.weight!);
        nn.init.zeros_(norm.bias!);
        return norm;
    }
}
