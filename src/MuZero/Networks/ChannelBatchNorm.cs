using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Batch normalization over the channels of [B, C, H, W] -> [B, C, H, W], as PyTorch's <c>BatchNorm2d</c> (eps 1e-5,
/// momentum 0.1, learned scale and shift, running statistics used in eval mode), with its parameter and buffer names
/// (<c>weight</c>, <c>bias</c>, <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), so checkpoints
/// written with either load into the other.
/// </summary>
/// <remarks>
/// Why not TorchSharp 0.107's <c>nn.BatchNorm2d</c>: in train mode it counts batches with
/// <c>num_batches_tracked.add_(1)</c>, a temporary <see cref="Scalar"/> that the GC may free while the native call
/// still reads it (a crash inside <c>BatchNorm.forward</c> was seen once in a MinAtar training). This module keeps
/// its <see cref="Scalar"/> alive for the process and otherwise calls the same native batch norm.
/// </remarks>
internal sealed class ChannelBatchNorm : nn.Module<Tensor, Tensor>
{
    /// <summary>PyTorch's default epsilon added to the variance.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>PyTorch's default momentum of the running statistics.</summary>
    public const double Momentum = 0.1;

    private static readonly Scalar OneBatch = 1L.ToScalar(); // alive for the process: see the remarks

    /// <summary>Creates the layer for <paramref name="channels"/> channels: scale 1, shift 0, running mean 0 and variance 1.</summary>
    public ChannelBatchNorm(long channels) : base(nameof(ChannelBatchNorm))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        register_parameter("weight", new TorchSharp.Modules.Parameter(ones(channels)));          // [C]
        register_parameter("bias", new TorchSharp.Modules.Parameter(zeros(channels)));           // [C]
        register_buffer("running_mean", zeros(channels));                     // [C]
        register_buffer("running_var", ones(channels));                       // [C]
        register_buffer("num_batches_tracked", tensor(0L));                   // [] int64
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // Looked up per call rather than kept in fields: moving the module to a device replaces the tensors.
        var runningMean = get_buffer("running_mean")!;
        var runningVar = get_buffer("running_var")!;
        if (training) get_buffer("num_batches_tracked")!.add_(OneBatch, OneBatch); // + 1 x 1: the alpha is kept alive too
        return nn.functional.batch_norm(input, runningMean, runningVar, get_parameter("weight"), get_parameter("bias"), training, Momentum, Epsilon);
    }
}
