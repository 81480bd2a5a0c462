using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// An AlphaZero head on a [B, C, H, W] feature map: 1x1 convolution to a few channels, normalization, ReLU, flatten,
/// then an MLP (Linear -> ReLU per hidden size) and a last Linear to the outputs: [B, C, H, W] -> [B, outputs].
/// Temporaries go to the caller's dispose scope.
/// </summary>
internal sealed class ConvHead : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _reduce;
    private readonly nn.Module<Tensor, Tensor> _norm;
    private readonly ModuleList<Linear> _hidden;
    private readonly Linear _output;

    /// <param name="name">Module name.</param>
    /// <param name="inputChannels">C of the feature map.</param>
    /// <param name="headChannels">Channels after the 1x1 convolution.</param>
    /// <param name="cells">H x W of the feature map.</param>
    /// <param name="hiddenSizes">Widths of the MLP's hidden layers (may be empty).</param>
    /// <param name="outputs">Outputs per example.</param>
    /// <param name="normalization">Normalization after the 1x1 convolution.</param>
    /// <param name="zeroOutput">Start the last layer at zero (value and reward heads predict 0 at first, as in <see cref="MlpNetwork"/>).</param>
    public ConvHead(string name, long inputChannels, long headChannels, long cells, IReadOnlyList<int> hiddenSizes, long outputs,
        NetworkNormalization normalization, bool zeroOutput) : base(name)
    {
        _reduce = nn.Conv2d(inputChannels, headChannels, 1, bias: false);
        _norm = ConvNormalization.Create(normalization, headChannels);
        _hidden = new ModuleList<Linear>();
        long width = headChannels * cells;
        foreach (int size in hiddenSizes)
        {
            _hidden.Add(nn.Linear(width, size));
            width = size;
        }
        _output = nn.Linear(width, outputs);
        if (zeroOutput)
        {
            using var noGrad = no_grad();
            _output.weight!.zero_();
            _output.bias!.zero_();
        }
        RegisterComponents();
    }

    /// <summary>[B, C, H, W] -> [B, outputs].</summary>
    public override Tensor forward(Tensor features)
    {
        var x = _norm.forward(_reduce.forward(features)).relu_().flatten(1); // [B, headChannels * H * W]
        foreach (var layer in _hidden) x = layer.forward(x).relu_();       // [B, hidden]
        return _output.forward(x);                                          // [B, outputs]
    }
}
