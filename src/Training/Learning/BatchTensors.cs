using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Learning;

/// <summary>
/// One <see cref="TrainingBatch"/> as tensors on the learner's device, scalar targets two-hot encoded
/// on the host beforehand. Disposing frees them all.
/// </summary>
public sealed class BatchTensors : IDisposable
{
    private BatchTensors(Tensor observations, Tensor actions, Tensor valueTargets, Tensor rewardTargets, Tensor policyTargets, Tensor policyMask, Tensor targetMask, Tensor weights)
    {
        Observations = observations;
        Actions = actions;
        ValueTargets = valueTargets;
        RewardTargets = rewardTargets;
        PolicyTargets = policyTargets;
        PolicyMask = policyMask;
        TargetMask = targetMask;
        Weights = weights;
    }

    /// <summary>[N, *obs].</summary>
    public Tensor Observations { get; }

    /// <summary>int64 [N, K].</summary>
    public Tensor Actions { get; }

    /// <summary>Two-hot values [N, K+1, 2n+1].</summary>
    public Tensor ValueTargets { get; }

    /// <summary>Two-hot rewards [N, K+1, 2m+1] (step 0 unused).</summary>
    public Tensor RewardTargets { get; }

    /// <summary>[N, K+1, A].</summary>
    public Tensor PolicyTargets { get; }

    /// <summary>[N, K+1].</summary>
    public Tensor PolicyMask { get; }

    /// <summary>1 where value and reward targets are known, [N, K+1].</summary>
    public Tensor TargetMask { get; }

    /// <summary>[N].</summary>
    public Tensor Weights { get; }

    /// <summary>
    /// Moves <paramref name="batch"/> to <paramref name="device"/>; its two-hot targets must already be
    /// encoded (<see cref="TrainingBatch.EncodeTargets"/>) for supports of <paramref name="valueBins"/> and
    /// <paramref name="rewardBins"/> bins. The batch's arrays must stay untouched until these tensors are disposed.
    /// </summary>
    public static BatchTensors Create(TrainingBatch batch, long[] observationShape, int valueBins, int rewardBins, Device device)
    {
        int n = batch.Size, k = batch.UnrollSteps;
        if (batch.ValueDistributions.Length != n * (k + 1) * valueBins || batch.RewardDistributions.Length != n * (k + 1) * rewardBins)
            throw new InvalidOperationException("the batch's two-hot targets are not encoded for these supports; call EncodeTargets first");
        long[] obsShape = [n, .. observationShape];
        return new BatchTensors(
            ToDevice(tensor(batch.Observations, obsShape), device),
            ToDevice(tensor(batch.Actions, [n, k]), device),
            ToDevice(tensor(batch.ValueDistributions, [n, k + 1, valueBins]), device),
            ToDevice(tensor(batch.RewardDistributions, [n, k + 1, rewardBins]), device),
            ToDevice(tensor(batch.PolicyTargets, [n, k + 1, batch.ActionCount]), device),
            ToDevice(tensor(batch.PolicyMask, [n, k + 1]), device),
            ToDevice(tensor(batch.TargetMask, [n, k + 1]), device),
            ToDevice(tensor(batch.Weights, [n]), device));
    }

    private static Tensor ToDevice(Tensor host, Device device)
    {
        if (host.device == device) return host;
        using (host)
        {
            if (device.type != DeviceType.CUDA) return host.to(device);
            // Page-locked host memory lets the copy run asynchronously with the device's work.
            using var pinned = host.pin_memory();
            return pinned.to(device, non_blocking: true);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Observations.Dispose();
        Actions.Dispose();
        ValueTargets.Dispose();
        RewardTargets.Dispose();
        PolicyTargets.Dispose();
        PolicyMask.Dispose();
        TargetMask.Dispose();
        Weights.Dispose();
    }
}
