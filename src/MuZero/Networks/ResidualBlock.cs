using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// One residual block of AlphaZero's tower: x -> relu(x + norm(conv3x3(relu(norm(conv3x3(x)))))), [B, C, H, W] ->
/// [B, C, H, W]. Zero padding keeps H x W. Temporaries go to the caller's dispose scope (no scope per block: each
/// costs microseconds, and search calls the network once per simulation).
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private static readonly Scalar One = 1.0.ToScalar(); // alpha of the skip addition, alive for the process

    private readonly Conv2d _conv1;
    private readonly nn.Module<Tensor, Tensor> _norm1;
    private readonly Conv2d _conv2;
    private readonly nn.Module<Tensor, Tensor> _norm2;

    public ResidualBlock(long channels, NetworkNormalization normalization) : base(nameof(ResidualBlock))
    {
        // No bias: the normalization that follows has its own shift.
        _conv1 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _norm1 = ConvNormalization.Create(normalization, channels);
        _conv2 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _norm2 = ConvNormalization.Create(normalization, channels);
        RegisterComponents();
    }

    /// <summary>[B, C, H, W] -> [B, C, H, W].</summary>
    public override Tensor forward(Tensor x)
    {
        // In place on fresh outputs of the norms: their backward passes need their inputs, not their outputs.
        var y = _norm1.forward(_conv1.forward(x)).relu_(); // [B, C, H, W]
        return _norm2.forward(_conv2.forward(y)).add_(x, One).relu_(); // [B, C, H, W]
    }
}
