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
    /// <summary>Loss terms as tensors (scalars) plus the root value logits [N, 2n+1] (detached) for new priorities.</summary>
    public sealed record Terms(Tensor Total, Tensor Value, Tensor Reward, Tensor Policy, Tensor RootValueLogits);

    /// <summary>1, the alpha of plain additions, kept alive for the whole process (see the banned-API list).</summary>
    private static readonly Scalar One = 1.0.ToScalar();

    /// <summary>
    /// Unrolls <paramref name="network"/> over <paramref name="batch"/> and returns the loss terms (in the caller's
    /// dispose scope). The dynamics run step by step; the prediction and the cross-entropies run once over all
    /// K+1 steps, which gives the same values with a fraction of the libtorch calls (what a small network's
    /// update costs on the CPU).
    /// </summary>
    public static Terms Compute(MuZeroNetwork network, BatchTensors batch, double valueLossWeight)
    {
        int k = (int)batch.Actions.shape[1];
        long n = batch.Actions.shape[0];
        var latents = new Tensor[k + 1];                  // each [N, *latent]
        var rewardLogits = new Tensor[k];                 // each [N, 2m+1], steps 1..K
        latents[0] = network.Represent(batch.Observations);
        var state = latents[0];
        for (int step = 1; step <= k; step++)
        {
            (latents[step], rewardLogits[step - 1]) = network.Dynamics(state, batch.Actions.select(1, step - 1));
            state = ScaleGradient(latents[step], 0.5);
        }
        var (policyFlat, valueFlat) = network.Predict(stack(latents, 1).flatten(0, 1)); // [N(K+1), A], [N(K+1), 2n+1]
        var policyLogits = policyFlat.view(n, k + 1, -1);                              // [N, K+1, A]
        var valueLogits = valueFlat.view(n, k + 1, -1);                                // [N, K+1, 2n+1]
        var rootValueLogits = valueLogits.select(1, 0).detach(); // [N, 2n+1]

        var valueTerms = SoftCrossEntropy(valueLogits, batch.ValueTargets);                              // [N, K+1]
        var policyTerms = SoftCrossEntropy(policyLogits, batch.PolicyTargets);                           // [N, K+1]
        var rewardTerms = SoftCrossEntropy(stack(rewardLogits, 1), batch.RewardTargets.narrow(1, 1, k)); // [N, K]

        var stepWeights = StepWeights(k, batch.Weights.dtype, batch.Weights.device); // [K+1]: 1, 1/K, ..., 1/K
        var recurrentWeights = stepWeights.narrow(0, 1, k);                          // [K]
        var known = batch.TargetMask.narrow(1, 1, k);                                 // [N, K]
        // Step 0 is always a real position: its value term is never masked.
        var valueMask = cat([ones_like(batch.TargetMask.narrow(1, 0, 1)), known], 1); // [N, K+1]
        var valueLoss = (valueTerms * valueMask * stepWeights).sum(1);           // [N]
        var rewardLoss = (rewardTerms * known * recurrentWeights).sum(1);        // [N]
        var policyLoss = (policyTerms * batch.PolicyMask * stepWeights).sum(1);  // [N]

        using var valueWeight = valueLossWeight.ToScalar();
        var perExample = valueLoss.mul(valueWeight).add_(rewardLoss, One).add_(policyLoss, One); // [N]
        var total = (perExample * batch.Weights).mean();
        return new Terms(total, valueLoss.mean(), rewardLoss.mean(), policyLoss.mean(), rootValueLogits);
    }

    /// <summary>w_k of the loss: [K+1] = (1, 1/K, ..., 1/K), on <paramref name="device"/>.</summary>
    public static Tensor StepWeights(int unrollSteps, ScalarType dtype, Device device)
    {
        var weights = new float[unrollSteps + 1];
        Array.Fill(weights, 1f / unrollSteps);
        weights[0] = 1f;
        using var host = tensor(weights); // [K+1], float32 on the CPU
        return host.to(dtype, device);
    }

    /// <summary>-sum_i target_i log softmax(logits)_i over the last dimension: [..., C], [..., C] -> [...].</summary>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor target) =>
        -(target * nn.functional.log_softmax(logits, -1)).sum(-1);

    /// <summary>Identity forward; the gradient is multiplied by <paramref name="scale"/>. Temporaries go to the caller's dispose scope.</summary>
    public static Tensor ScaleGradient(Tensor x, double scale)
    {
        using var kept = scale.ToScalar();
        using var dropped = (1 - scale).ToScalar();
        return x.mul(kept).add_(x.detach().mul(dropped), One); // x * scale + x.detach() * (1 - scale)
    }
}
