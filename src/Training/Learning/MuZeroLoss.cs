using MuZero.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Learning;

/// <summary>
/// The MuZero training objective over a K-step unroll (paper, appendix G and its pseudocode):
/// L = sum_k w_k [ c_v CE(value_k) + CE(reward_k) (k &gt;= 1) + CE(policy_k) ], with w_0 = 1 and w_k = 1/K
/// for the recurrent steps, value and reward terms dropped where no target is known (past a truncation),
/// each example weighted by its importance weight; the gradient entering
/// each next dynamics step through the hidden state is halved. No observation reconstruction.
/// </summary>
public static class MuZeroLoss
{
    /// <summary>Loss terms as tensors (scalars) plus the predicted root values [N] for new priorities.</summary>
    public sealed record Terms(Tensor Total, Tensor Value, Tensor Reward, Tensor Policy, Tensor RootValues);

    /// <summary>Unrolls <paramref name="network"/> over <paramref name="batch"/> and returns the loss terms (in the caller's dispose scope).</summary>
    public static Terms Compute(MuZeroNetwork network, BatchTensors batch, double valueLossWeight)
    {
        long k = batch.Actions.shape[1];
        var latent = network.Represent(batch.Observations);           // [N, *latent]
        var (policyLogits, valueLogits) = network.Predict(latent);
        var rootValues = network.ValueSupport.ToScalar(valueLogits.detach()); // [N]

        var valueLoss = SoftCrossEntropy(valueLogits, batch.ValueTargets.select(1, 0));                       // [N]
        var policyLoss = SoftCrossEntropy(policyLogits, batch.PolicyTargets.select(1, 0)) * batch.PolicyMask.select(1, 0);
        var rewardLoss = zeros_like(valueLoss);
        for (long step = 1; step <= k; step++)
        {
            var (next, rewardLogits) = network.Dynamics(latent, batch.Actions.select(1, step - 1));
            (policyLogits, valueLogits) = network.Predict(next);
            double scale = 1.0 / k;
            var known = batch.TargetMask.select(1, step); // [N]
            valueLoss = valueLoss + scale * SoftCrossEntropy(valueLogits, batch.ValueTargets.select(1, step)) * known;
            rewardLoss = rewardLoss + scale * SoftCrossEntropy(rewardLogits, batch.RewardTargets.select(1, step)) * known;
            policyLoss = policyLoss + scale * SoftCrossEntropy(policyLogits, batch.PolicyTargets.select(1, step)) * batch.PolicyMask.select(1, step);
            latent = ScaleGradient(next, 0.5);
        }
        var perExample = valueLossWeight * valueLoss + rewardLoss + policyLoss; // [N]
        var total = (perExample * batch.Weights).mean();
        return new Terms(total, valueLoss.mean(), rewardLoss.mean(), policyLoss.mean(), rootValues);
    }

    /// <summary>-sum_i target_i log softmax(logits)_i over the last dimension: [N, C], [N, C] -> [N].</summary>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor target) =>
        -(target * nn.functional.log_softmax(logits, -1)).sum(-1);

    /// <summary>Identity forward; the gradient is multiplied by <paramref name="scale"/>.</summary>
    public static Tensor ScaleGradient(Tensor x, double scale) => x * scale + x.detach() * (1 - scale);
}
