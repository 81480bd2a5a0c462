using MuZero.Environments;
using MuZero.Networks;

namespace MuZero.Training.Configuration;

/// <summary>
/// Rough sizes, in bytes, of the big allocations a config implies during training. They are estimates (within a
/// small factor), good enough to refuse at load a config that could only end in an out-of-memory failure later.
/// </summary>
/// <param name="ReplayBytes">The replay buffer when full: per position the observation, the policy and legal mask, scalars and the sum tree.</param>
/// <param name="LearnerBytes">One learner batch of B x (K + 1) rows: targets, supports and the unrolled activations kept for the backward pass (two batches exist with prefetching).</param>
/// <param name="SelfPlayBytes">The self-play search: parallel_games trees of S + 1 nodes with their latents; with reanalysis also its search, up to 2 (K + 1) trees per batch row.</param>
/// <param name="EvaluationBytes">The evaluation search: all evaluation episodes searched as one batch.</param>
/// <param name="NetworkBytes">Weights of the learner, actor and evaluation networks (and reanalysis's target network) with gradients and optimizer state.</param>
public sealed record ConfigMemoryEstimate(double ReplayBytes, double LearnerBytes, double SelfPlayBytes, double EvaluationBytes, double NetworkBytes)
{
    /// <summary>Everything at once (an evaluation can run beside self-play and learning).</summary>
    public double TotalBytes => ReplayBytes + LearnerBytes + SelfPlayBytes + EvaluationBytes + NetworkBytes;

    /// <summary>Estimates the allocations of <paramref name="config"/> playing <paramref name="spec"/>. Computed in doubles: no overflow at any size.</summary>
    public static ConfigMemoryEstimate For(ExperimentConfig config, EnvironmentSpec spec)
    {
        double observation = spec.ObservationSize, actions = spec.ActionCount;
        double input = InputSize(config, spec), stored = StoredObservationBytes(spec);
        var n = config.Network;
        if (string.Equals(n.Kind, ResidualNetwork.KindName, StringComparison.Ordinal)) return ForResidual(config, spec);
        double latent = n.LatentSize, hidden = n.HiddenSize, layers = n.HiddenLayers;
        double valueBins = 2.0 * n.ValueSupportSize + 1, rewardBins = 2.0 * n.RewardSupportSize + 1;

        // Per position: observation, policy (floats) and legal mask (bytes), 4 scalars, its value target,
        // the sum tree's ~2 doubles per leaf (rounded up to a power of two: up to 4) and the slot tables.
        double replay = config.Replay.CapacitySteps * (stored + 5 * actions + 4 * 4 + 4 + 32 + 12);

        // Per row (position x unroll step): each hidden layer of g and f keeps ~3 activations (linear, norm, relu)
        // plus their gradients; targets and logits of value, reward and policy; the latent.
        double perRow = 4 * (2 * 3 * 2 * layers * hidden + 4 * latent + 3 * (valueBins + rewardBins + actions)) + 4 * input;
        double learner = 2 * (double)config.Training.BatchSize * (config.Training.UnrollSteps + 1) * perRow;

        // Per tree node: the latent (float), 5 node scalars (~24 bytes), per action a prior, a child index and the
        // descent's 16-byte edge statistics.
        double perNode = 4 * latent + 24 + 24 * actions;
        double selfPlay = (double)config.SelfPlay.ParallelGames * (config.Search.Simulations + 1.0) * perNode + ReanalysisNodes(config) * perNode;
        int evaluationSimulations = config.Evaluation.Simulations ?? config.Search.Simulations;
        double evaluation = (double)config.Evaluation.Episodes * (evaluationSimulations + 1.0) * perNode;

        // Parameters of h, g (trunk + state) and f (trunk + heads); x 4 floats for weights, gradient and two Adam
        // moments in the learner, + 2 for the actor's and the evaluation's copies (+ 1 for reanalysis's target network).
        double hiddenStack = (layers - 1) * hidden * hidden;
        double parameters = input * hidden + hiddenStack + hidden * latent
                            + (latent + actions) * hidden + hiddenStack + hidden * latent + hidden * rewardBins
                            + latent * hidden + hiddenStack + hidden * (actions + valueBins);
        double network = 4 * parameters * NetworkCopies(config);

        return new ConfigMemoryEstimate(replay, learner, selfPlay, evaluation, network);
    }

    /// <summary>Tree nodes of the reanalysis search: a batch row reads at most K + 1 unrolled and K + 1 bootstrap positions.</summary>
    private static double ReanalysisNodes(ExperimentConfig config) => config.Reanalyze.Enabled
        ? 2.0 * config.Training.BatchSize * (config.Training.UnrollSteps + 1) * ((config.Reanalyze.Simulations ?? config.Search.Simulations) + 1.0)
        : 0;

    /// <summary>Floats per parameter: weights, gradient and two moments of the learner, the actor's and the evaluation's copies, the target network's.</summary>
    private static double NetworkCopies(ExperimentConfig config) => config.Reanalyze.Enabled ? 7 : 6;

    /// <summary><see cref="For"/> for the residual network: the latent is channels x H x W, activations are feature maps.</summary>
    private static ConfigMemoryEstimate ForResidual(ExperimentConfig config, EnvironmentSpec spec)
    {
        double actions = spec.ActionCount;
        double input = InputSize(config, spec), stored = StoredObservationBytes(spec);
        var n = config.Network.Resolved(new Observations.ObservationLayout(spec, config.Observation).InputShape, spec.ActionCount);
        double cells = (double)spec.ObservationShape[1] * spec.ObservationShape[2];
        double channels = n.Channels!.Value, blocks = n.Blocks!.Value, predictionBlocks = n.PredictionBlocks!.Value;
        double headChannels = n.HeadChannels!.Value, latent = channels * cells;
        double planes = n.ActionEncoding == ActionEncoding.OneHotPlanes ? actions : 1;
        double valueBins = 2.0 * n.ValueSupportSize + 1, rewardBins = 2.0 * n.RewardSupportSize + 1;
        double headHidden = n.HeadHiddenSizes!.Sum(size => (double)size);

        double replay = config.Replay.CapacitySteps * (stored + 5 * actions + 4 * 4 + 4 + 32 + 12);

        // Per row (position x unroll step): every convolution keeps ~3 maps (conv, norm, relu) of the latent's size
        // plus their gradients: h or g (1 + 2 blocks convolutions), f (2 prediction blocks), 3 heads; targets and logits.
        double convolutions = 1 + 2 * blocks + 2 * predictionBlocks;
        double perRow = 4 * (2 * 3 * convolutions * latent + 2 * 3 * 3 * headChannels * cells + 6 * headHidden
                             + 4 * latent + planes * cells + 3 * (valueBins + rewardBins + actions)) + 4 * input;
        double learner = 2 * (double)config.Training.BatchSize * (config.Training.UnrollSteps + 1) * perRow;

        double perNode = 4 * latent + 24 + 24 * actions; // as for the MLP: latent, node scalars, prior, child, edge statistics
        double selfPlay = (double)config.SelfPlay.ParallelGames * (config.Search.Simulations + 1.0) * perNode + ReanalysisNodes(config) * perNode;
        int evaluationSimulations = config.Evaluation.Simulations ?? config.Search.Simulations;
        double evaluation = (double)config.Evaluation.Episodes * (evaluationSimulations + 1.0) * perNode;

        // 3x3 kernels of the stem, the dynamics input and 2 per block; per head a 1x1 reduction and its MLP.
        double inputChannels = input / cells;
        double kernels = 9 * channels * (inputChannels + channels + planes + 2 * channels * (2 * blocks + predictionBlocks));
        double firstHidden = n.HeadHiddenSizes!.Count > 0 ? n.HeadHiddenSizes[0] : 0;
        double hiddenStack = 0;
        for (int i = 1; i < n.HeadHiddenSizes.Count; i++) hiddenStack += (double)n.HeadHiddenSizes[i - 1] * n.HeadHiddenSizes[i];
        double lastWidth = n.HeadHiddenSizes.Count > 0 ? n.HeadHiddenSizes[^1] : headChannels * cells;
        double heads = 3 * (channels * headChannels + headChannels * cells * firstHidden + hiddenStack)
                       + lastWidth * (valueBins + rewardBins + actions);
        double network = 4 * (kernels + heads) * NetworkCopies(config);

        return new ConfigMemoryEstimate(replay, learner, selfPlay, evaluation, network);
    }

    /// <summary>Floats of one network input (the observation, or its stacked history).</summary>
    private static double InputSize(ExperimentConfig config, EnvironmentSpec spec) =>
        config.Observation is null ? spec.ObservationSize : new Observations.ObservationLayout(spec, config.Observation).InputSize;

    /// <summary>Bytes replay keeps per observation: one bit per value for binary observations, else the floats.</summary>
    private static double StoredObservationBytes(EnvironmentSpec spec) =>
        spec.BinaryObservations ? (spec.ObservationSize + 63) / 64 * 8.0 : 4.0 * spec.ObservationSize;
}
