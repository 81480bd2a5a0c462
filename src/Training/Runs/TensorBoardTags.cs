namespace MuZero.Training.Runs;

/// <summary>
/// The scalar tags a training run writes for TensorBoard, all with step = the update count. The training tags come
/// every <c>training.log_interval</c> updates with the same values as the <c>"train"</c> records of metrics.jsonl,
/// the evaluation tags with every evaluation. A value not measured yet (no finished game, no search since the last
/// log) is left out rather than written as NaN.
/// </summary>
public static class TensorBoardTags
{
    /// <summary>
    /// The loss the last update minimized: value, reward and policy terms (recurrent steps scaled by 1/K) weighted by the
    /// replay's importance weights. The component tags are unweighted batch means, so with prioritized replay they do
    /// not add up to it.
    /// </summary>
    public const string TotalLoss = "loss/total";

    /// <summary>Value loss of the last update.</summary>
    public const string ValueLoss = "loss/value";

    /// <summary>Reward loss of the last update.</summary>
    public const string RewardLoss = "loss/reward";

    /// <summary>Policy loss of the last update.</summary>
    public const string PolicyLoss = "loss/policy";

    /// <summary>Learning rate of the last update.</summary>
    public const string LearningRate = "train/learning_rate";

    /// <summary>Single-player games: mean return of the last 50 finished self-play episodes.</summary>
    public const string RecentReturn = "self_play/recent_return";

    /// <summary>Two-player games: share of the last 50 finished self-play games that someone won (the rest were draws).</summary>
    public const string DecisiveGames = "self_play/decisive_games";

    /// <summary>Self-play episodes finished so far.</summary>
    public const string Episodes = "self_play/episodes";

    /// <summary>Environment steps played so far.</summary>
    public const string EnvironmentSteps = "self_play/env_steps";

    /// <summary>Mean root value of the self-play searches since the previous log (for the player to move).</summary>
    public const string RootValue = "search/root_value";

    /// <summary>Mean entropy in nats of the self-play searches' visit distributions (the policy targets) since the previous log.</summary>
    public const string PolicyEntropy = "search/policy_entropy";

    /// <summary>Positions held by the replay buffer.</summary>
    public const string ReplayPositions = "replay/positions";

    /// <summary>Learner updates per second since the previous log.</summary>
    public const string UpdatesPerSecond = "throughput/updates_per_second";

    /// <summary>Self-play environment steps per second since the previous log.</summary>
    public const string EnvironmentStepsPerSecond = "throughput/env_steps_per_second";

    /// <summary>The score <c>best.ckpt</c> is chosen by: the mean return (single-player) or (wins + draws / 2) / games (two-player).</summary>
    public const string EvaluationScore = "evaluation/score";

    /// <summary>Single-player: mean return of the greedy evaluation episodes.</summary>
    public const string EvaluationMeanReturn = "evaluation/mean_return";

    /// <summary>Single-player: standard deviation of the evaluation returns.</summary>
    public const string EvaluationStdReturn = "evaluation/std_return";

    /// <summary>Two-player: share of evaluation games won against the evaluation opponent.</summary>
    public const string EvaluationWinRate = "evaluation/win_rate";

    /// <summary>Two-player: share of evaluation games drawn.</summary>
    public const string EvaluationDrawRate = "evaluation/draw_rate";

    /// <summary>Two-player: share of evaluation games lost.</summary>
    public const string EvaluationLossRate = "evaluation/loss_rate";
}
