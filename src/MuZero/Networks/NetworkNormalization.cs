namespace MuZero.Networks;

/// <summary>Normalization after every convolution of the residual network (<c>network.normalization</c>).</summary>
public enum NetworkNormalization
{
    /// <summary>
    /// Batch norm over [B, H, W] per channel (AlphaZero, MuZero, EfficientZero). Mode-dependent: the learner trains
    /// in train mode (batch statistics, running averages updated); search and evaluation use eval mode (the running
    /// averages, which <see cref="MuZeroNetwork.CopyWeightsFrom"/> and checkpoints carry as buffers).
    /// </summary>
    Batch,

    /// <summary>
    /// Layer norm over each example's [C, H, W] with a scale and shift per channel (group norm with one group): no
    /// batch statistics, so train and eval mode compute the same function and a batch of one is normalized like any other.
    /// </summary>
    Layer,
}
