using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class ChannelBatchNormTests
{
    [Fact]
    public void HasBatchNorm2dsParameterAndBufferNames()
    {
        using var ours = new ChannelBatchNorm(4);
        using var theirs = nn.BatchNorm2d(4);
        Assert.Equal(theirs.named_parameters().Select(p => p.name).Order(), ours.named_parameters().Select(p => p.name).Order());
        Assert.Equal(theirs.named_buffers().Select(b => b.name).Order(), ours.named_buffers().Select(b => b.name).Order());
        foreach (var (name, buffer) in theirs.named_buffers())
        {
            var mine = ours.get_buffer(name)!;
            Assert.Equal(buffer.shape, mine.shape);
            Assert.Equal(buffer.dtype, mine.dtype);
        }
    }

    [Fact]
    public void MatchesBatchNorm2dInTrainAndEvalMode()
    {
        using var ours = new ChannelBatchNorm(3);
        using var theirs = nn.BatchNorm2d(3);
        using var scope = NewDisposeScope();
        manual_seed(5);
        using (no_grad())
        {
            // A non-trivial scale and shift, the same in both.
            var scale = tensor(new float[] { 0.5f, 2f, -1f });
            var shift = tensor(new float[] { 0.1f, -0.3f, 2f });
            ours.get_parameter("weight")!.copy_(scale);
            theirs.get_parameter("weight")!.copy_(scale);
            ours.get_parameter("bias")!.copy_(shift);
            theirs.get_parameter("bias")!.copy_(shift);
        }
        ours.train();
        theirs.train();
        for (int step = 0; step < 3; step++)
        {
            var x = randn(6, 3, 4, 5) * (step + 1) + step; // [B, C, H, W]
            Assert.True(allclose(theirs.forward(x), ours.forward(x), 1e-5, 1e-6));
        }
        foreach (var (name, buffer) in theirs.named_buffers())
            Assert.True(buffer.dtype == ScalarType.Int64 ? buffer.item<long>() == ours.get_buffer(name)!.item<long>() : allclose(buffer, ours.get_buffer(name)!, 1e-5, 1e-6), name);
        Assert.Equal(3L, ours.get_buffer("num_batches_tracked")!.item<long>());

        // Eval mode normalizes with the running statistics, which then stay as they are.
        ours.eval();
        theirs.eval();
        var y = randn(2, 3, 4, 5);
        var before = ours.get_buffer("running_mean")!.clone();
        Assert.True(allclose(theirs.forward(y), ours.forward(y), 1e-5, 1e-6));
        Assert.True(allclose(before, ours.get_buffer("running_mean")!, 0, 0));
        Assert.Equal(3L, ours.get_buffer("num_batches_tracked")!.item<long>());
    }
}
