using MuZero.Networks;
using MuZero.Training.Learning;
using MuZero.Training.Replay;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

public sealed class MuZeroLossTests
{
    /// <summary>A network with fixed outputs, so the loss can be computed by hand.</summary>
    private sealed class FixedNetwork : MuZeroNetwork
    {
        private readonly float[] _policy, _value, _reward;

        public FixedNetwork(float[] policyLogits, float[] valueLogits, float[] rewardLogits)
            : base(nameof(FixedNetwork), policyLogits.Length, new NetworkConfig { ValueSupportSize = (valueLogits.Length - 1) / 2, RewardSupportSize = (rewardLogits.Length - 1) / 2 })
        {
            (_policy, _value, _reward) = (policyLogits, valueLogits, rewardLogits);
        }

        public override Tensor Represent(Tensor observations) => zeros(observations.shape[0], 1);

        public override (Tensor NextLatents, Tensor RewardLogits) Dynamics(Tensor latents, Tensor actions) =>
            (latents.clone(), tensor(_reward).expand(latents.shape[0], _reward.Length).clone());

        public override (Tensor PolicyLogits, Tensor ValueLogits) Predict(Tensor latents) =>
            (tensor(_policy).expand(latents.shape[0], _policy.Length).clone(), tensor(_value).expand(latents.shape[0], _value.Length).clone());
    }

    [Fact]
    public void LossMatchesHandComputation()
    {
        // Value support n = 1 (bins -1, 0, 1) with logits [0, ln 2, 0]: p = [1/4, 1/2, 1/4].
        // Reward support n = 1, uniform logits: p = 1/3 each. Policy over 2 actions, logits [0, ln 3]: p = [1/4, 3/4].
        float ln2 = MathF.Log(2), ln3 = MathF.Log(3);
        using var network = new FixedNetwork([0, ln3], [0, ln2, 0], [0, 0, 0]);
        const int k = 2;
        var batch = new TrainingBatch(size: 2, unrollSteps: k, observationSize: 1, actionCount: 2);
        // Example 0: value targets 0 at every step (two-hot on bin 0), rewards 0, policy [1, 0], all steps have policies.
        // Example 1: value target 1 -> h(1) = sqrt(2) - 1 + 0.001, policy [0, 1] only at k = 0.
        for (int step = 0; step <= k; step++)
        {
            batch.ValueTargets[step] = 0;
            batch.PolicyTargets[step * 2] = 1;
            batch.PolicyMask[step] = 1;
            batch.ValueTargets[(k + 1) + step] = 1;
        }
        batch.PolicyTargets[(k + 1) * 2 + 1] = 1;
        batch.PolicyMask[k + 1] = 1;
        batch.Weights[0] = 1f;
        batch.Weights[1] = 0.5f;
        Array.Fill(batch.TargetMask, 1f);

        using var scope = NewDisposeScope();
        batch.EncodeTargets(network.ValueSupport, network.RewardSupport);
        using var tensors = BatchTensors.Create(batch, [1], network.ValueSupport.Bins, network.RewardSupport.Bins, CPU);
        var terms = MuZeroLoss.Compute(network, tensors, valueLossWeight: 0.25);

        double h1 = Math.Sqrt(2) - 1 + 0.001; // two-hot: (1 - h1) on bin 0, h1 on bin +1
        double valueCe0 = -Math.Log(0.5);
        double valueCe1 = -((1 - h1) * Math.Log(0.5) + h1 * Math.Log(0.25));
        double rewardCe = Math.Log(3);
        double steps = 1 + k * (1.0 / k); // step 0 plus K recurrent steps scaled by 1/K
        double example0 = 0.25 * valueCe0 * steps + rewardCe + (-Math.Log(0.25)) * steps;
        double example1 = 0.25 * valueCe1 * steps + rewardCe + (-Math.Log(0.75)) * 1;
        double expected = (1.0 * example0 + 0.5 * example1) / 2;

        Assert.Equal(expected, terms.Total.item<float>(), 4);
        Assert.Equal((valueCe0 + valueCe1) * steps / 2, terms.Value.item<float>(), 4);
        Assert.Equal(rewardCe, terms.Reward.item<float>(), 4);

        // Masking the last step of example 1 (as past a truncation) removes its value and reward terms there.
        batch.TargetMask[(k + 1) + k] = 0;
        using var masked = BatchTensors.Create(batch, [1], network.ValueSupport.Bins, network.RewardSupport.Bins, CPU);
        var maskedTerms = MuZeroLoss.Compute(network, masked, valueLossWeight: 0.25);
        double removed = 0.5 * (0.25 * valueCe1 + rewardCe) / k / 2;
        Assert.Equal(expected - removed, maskedTerms.Total.item<float>(), 4);
    }

    [Fact]
    public void ScaleGradientIsIdentityForwardAndScalesBackward()
    {
        using var x = tensor(new float[] { 2, -3 }).requires_grad_();
        using var y = MuZeroLoss.ScaleGradient(x, 0.5);
        Assert.Equal(new float[] { 2, -3 }, y.data<float>().ToArray());
        using var sum = y.sum();
        sum.backward();
        Assert.Equal(new float[] { 0.5f, 0.5f }, x.grad!.data<float>().ToArray());
    }
}
