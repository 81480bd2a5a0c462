using System.Text.Json;
using System.Text.Json.Serialization;
using MuZero.Environments;
using MuZero.Training.Learning.Optimizers;

namespace MuZero.Training.Configuration;

/// <summary>Reads, writes and validates <see cref="ExperimentConfig"/> files. Every problem becomes a one-line <see cref="ConfigException"/> naming the file and field.</summary>
public static class ConfigLoader
{
    /// <summary>The JSON conventions of config files: snake_case names, unknown fields rejected, enums as snake_case strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Loads and validates the config at <paramref name="path"/>.</summary>
    public static ExperimentConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentConfig Parse(string json, string source)
    {
        ExperimentConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ExperimentConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 0 } p ? $" at '{p.TrimStart('$', '.')}'" : "";
            string line = e.LineNumber is long l ? $" (line {l + 1})" : "";
            throw new ConfigException($"{source}: invalid JSON{where}{line}: {FirstSentence(e.Message)}", e);
        }
        if (config is null) throw new ConfigException($"{source}: the file holds no config object");
        Validate(config, source);
        return config;
    }

    /// <summary>Serializes <paramref name="config"/> with every field resolved (defaults included).</summary>
    public static string ToJson(ExperimentConfig config) => JsonSerializer.Serialize(config, JsonOptions);

    /// <summary>Throws a <see cref="ConfigException"/> for the first invalid value.</summary>
    public static void Validate(ExperimentConfig c, string source)
    {
        void Require(bool ok, string field, string expected, object? got)
        {
            if (!ok) throw new ConfigException($"{source}: {field} must be {expected}, got {got ?? "null"}");
        }

        Require(EnvironmentRegistry.Names.Contains(c.Environment.Name), "environment.name",
            "one of " + string.Join(", ", EnvironmentRegistry.Names), $"'{c.Environment.Name}'");
        Require(c.Network.Kind == "mlp", "network.kind", "'mlp'", $"'{c.Network.Kind}'");
        Require(c.Network.LatentSize >= 1, "network.latent_size", ">= 1", c.Network.LatentSize);
        Require(c.Network.HiddenSize >= 1, "network.hidden_size", ">= 1", c.Network.HiddenSize);
        Require(c.Network.HiddenLayers >= 1, "network.hidden_layers", ">= 1", c.Network.HiddenLayers);
        Require(c.Network.ValueSupportSize >= 1, "network.value_support_size", ">= 1", c.Network.ValueSupportSize);
        Require(c.Network.RewardSupportSize >= 1, "network.reward_support_size", ">= 1", c.Network.RewardSupportSize);

        Require(c.Search.Simulations >= 1, "search.simulations", ">= 1", c.Search.Simulations);
        Require(c.Search.Discount > 0 && c.Search.Discount <= 1, "search.discount", "in (0, 1]", c.Search.Discount);
        Require(c.Search.PbCInit > 0, "search.pb_c_init", "> 0", c.Search.PbCInit);
        Require(c.Search.PbCBase > 0, "search.pb_c_base", "> 0", c.Search.PbCBase);
        Require(c.Search.DirichletAlpha > 0, "search.dirichlet_alpha", "> 0", c.Search.DirichletAlpha);
        Require(c.Search.ExplorationFraction is >= 0 and <= 1, "search.exploration_fraction", "in [0, 1]", c.Search.ExplorationFraction);
        Require(c.Search.ParallelThreshold >= 1, "search.parallel_threshold", ">= 1", c.Search.ParallelThreshold);

        Require(c.SelfPlay.ParallelGames >= 1, "self_play.parallel_games", ">= 1", c.SelfPlay.ParallelGames);
        Require(c.SelfPlay.Temperature.Count >= 1, "self_play.temperature", "a non-empty list", "[]");
        for (int i = 0; i < c.SelfPlay.Temperature.Count; i++)
        {
            Require(c.SelfPlay.Temperature[i].Value >= 0, $"self_play.temperature[{i}].value", ">= 0", c.SelfPlay.Temperature[i].Value);
            if (i > 0)
                Require(c.SelfPlay.Temperature[i].UntilStep > c.SelfPlay.Temperature[i - 1].UntilStep,
                    $"self_play.temperature[{i}].until_step", "greater than the previous entry's", c.SelfPlay.Temperature[i].UntilStep);
        }
        Require(c.SelfPlay.GreedyAfterMove is null or >= 0, "self_play.greedy_after_move", ">= 0 or null", c.SelfPlay.GreedyAfterMove);
        Require(c.SelfPlay.WeightsRefreshInterval >= 1, "self_play.weights_refresh_interval", ">= 1", c.SelfPlay.WeightsRefreshInterval);

        Require(c.Replay.CapacitySteps >= 1, "replay.capacity_steps", ">= 1", c.Replay.CapacitySteps);
        Require(c.Replay.TdSteps >= 1, "replay.td_steps", ">= 1", c.Replay.TdSteps);
        Require(c.Replay.PriorityAlpha >= 0, "replay.priority_alpha", ">= 0", c.Replay.PriorityAlpha);
        Require(c.Replay.PriorityBeta >= 0, "replay.priority_beta", ">= 0", c.Replay.PriorityBeta);
        Require(c.Replay.MinStepsBeforeTraining >= 1, "replay.min_steps_before_training", ">= 1", c.Replay.MinStepsBeforeTraining);
        Require(c.Replay.MinStepsBeforeTraining <= c.Replay.CapacitySteps, "replay.min_steps_before_training",
            $"<= replay.capacity_steps ({c.Replay.CapacitySteps})", c.Replay.MinStepsBeforeTraining);

        var t = c.Training;
        Require(t.TrainingSteps >= 1, "training.training_steps", ">= 1", t.TrainingSteps);
        Require(t.MaxWallMinutes is null or > 0, "training.max_wall_minutes", "> 0 or null", t.MaxWallMinutes);
        Require(t.BatchSize >= 1, "training.batch_size", ">= 1", t.BatchSize);
        Require(t.UnrollSteps >= 1, "training.unroll_steps", ">= 1", t.UnrollSteps);
        Require(OptimizerRegistry.Names.Contains(t.Optimizer), "training.optimizer",
            "one of " + string.Join(", ", OptimizerRegistry.Names), $"'{t.Optimizer}'");
        Require(t.LearningRate > 0, "training.learning_rate", "> 0", t.LearningRate);
        Require(t.LearningRateSchedule.Kind is "constant" or "exponential" or "cosine", "training.learning_rate_schedule.kind",
            "'constant', 'exponential' or 'cosine'", $"'{t.LearningRateSchedule.Kind}'");
        Require(t.LearningRateSchedule.DecaySteps >= 1, "training.learning_rate_schedule.decay_steps", ">= 1", t.LearningRateSchedule.DecaySteps);
        Require(t.LearningRateSchedule.DecayRate > 0, "training.learning_rate_schedule.decay_rate", "> 0", t.LearningRateSchedule.DecayRate);
        Require(t.LearningRateSchedule.WarmupSteps >= 0, "training.learning_rate_schedule.warmup_steps", ">= 0", t.LearningRateSchedule.WarmupSteps);
        Require(t.WeightDecay >= 0, "training.weight_decay", ">= 0", t.WeightDecay);
        Require(t.Momentum is >= 0 and < 1, "training.momentum", "in [0, 1)", t.Momentum);
        Require(t.ValueLossWeight >= 0, "training.value_loss_weight", ">= 0", t.ValueLossWeight);
        Require(t.MaxGradNorm is null or > 0, "training.max_grad_norm", "> 0 or null", t.MaxGradNorm);
        Require(t.UpdatesPerEnvStep > 0, "training.updates_per_env_step", "> 0", t.UpdatesPerEnvStep);
        Require(t.CheckpointInterval >= 1, "training.checkpoint_interval", ">= 1", t.CheckpointInterval);
        Require(t.LogInterval >= 1, "training.log_interval", ">= 1", t.LogInterval);

        Require(c.Evaluation.Episodes >= 1, "evaluation.episodes", ">= 1", c.Evaluation.Episodes);
        Require(c.Evaluation.Simulations is null or >= 1, "evaluation.simulations", ">= 1 or null", c.Evaluation.Simulations);
        Require(c.Evaluation.Opponent is "random" or "perfect", "evaluation.opponent", "'random' or 'perfect'", $"'{c.Evaluation.Opponent}'");
        Require(c.Evaluation.Interval >= 0, "evaluation.interval", ">= 0", c.Evaluation.Interval);
    }

    private static string FirstSentence(string message)
    {
        string oneLine = message.Replace('\n', ' ').Replace('\r', ' ');
        int cut = oneLine.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? oneLine[..cut].TrimEnd() : oneLine;
    }
}
