using System.Text.Json;
using System.Text.Json.Serialization;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Learning.Optimizers;
using MuZero.Training.Observations;

namespace MuZero.Training.Configuration;

/// <summary>Reads, writes and validates <see cref="ExperimentConfig"/> files. Every problem becomes a one-line <see cref="ConfigException"/> naming the file and field.</summary>
public static class ConfigLoader
{
    /// <summary>
    /// The JSON conventions of config files: snake_case names, unknown fields and duplicate keys rejected, enums as
    /// snake_case strings matched case-sensitively (like registry names).
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Last-wins duplicates hide typos such as two "simulations" in one section.
        AllowDuplicateProperties = false,
        WriteIndented = true,
        Converters = { new CaseSensitiveEnumConverter() },
    };

    /// <summary>Loads and validates the config at <paramref name="path"/>.</summary>
    public static ExperimentConfig Load(string path) => Load(path, []);

    /// <summary>Loads the config at <paramref name="path"/>, applies <paramref name="overrides"/> and validates the result.</summary>
    public static ExperimentConfig Load(string path, IReadOnlyList<ConfigOverride> overrides)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, overrides);
    }

    /// <summary>
    /// Parses config JSON, applies <paramref name="overrides"/> in order to its resolved JSON tree (so a defaulted field
    /// can be set too) and validates the result once. A problem in a value an override wrote is reported as
    /// "<c>--set field: ...</c>"; one in the file's own values names <paramref name="source"/>.
    /// </summary>
    public static ExperimentConfig Parse(string json, string source, IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count == 0) return Parse(json, source);
        var tree = JsonSerializer.SerializeToNode(Deserialize(json, _ => source, withLines: true), JsonOptions)!.AsObject();
        var types = overrides.Select(o => o.ApplyTo(tree, JsonOptions)).ToArray();
        string SourceOf(string field) => overrides.LastOrDefault(o => o.Covers(field))?.Source ?? source;
        ExperimentConfig config;
        try
        {
            config = Deserialize(tree.ToJsonString(), SourceOf, withLines: false);
        }
        catch (ConfigException e) when (e.InnerException is JsonException { Path: { } path } and not InvalidConfigValueException
                                        && Array.FindLastIndex(overrides.ToArray(), o => o.Field == Field(path)) is int i and >= 0)
        {
            // The serializer says "could not be converted to System.Int32"; say what the field takes instead.
            throw new ConfigException($"{overrides[i].Source}: {overrides[i].Field} must be {ConfigOverride.Describe(types[i])}, got {Quote(overrides[i].Text)}", e);
        }
        Validate(config, SourceOf, AvailableMemoryBytes);
        return WithDefaults(config);
    }

    /// <summary>Parses and validates config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentConfig Parse(string json, string source) => Parse(json, source, AvailableMemoryBytes);

    /// <summary>
    /// As <see cref="Parse(string, string)"/>, with <paramref name="availableMemoryBytes"/> as the memory the config's
    /// allocations must fit (<see cref="long.MaxValue"/> skips that check, e.g. for a checkpoint's config that is only
    /// used to evaluate and never allocates the replay buffer).
    /// </summary>
    public static ExperimentConfig Parse(string json, string source, long availableMemoryBytes)
    {
        var config = Deserialize(json, _ => source, withLines: true);
        Validate(config, source, availableMemoryBytes);
        return WithDefaults(config);
    }

    /// <summary>
    /// Fills in the game's option defaults and the network kind's, so the resolved config (config.json, checkpoints)
    /// names every setting the run uses.
    /// </summary>
    private static ExperimentConfig WithDefaults(ExperimentConfig config)
    {
        var options = EnvironmentRegistry.ResolveOptions(config.Environment.Name, config.Environment.Options);
        var environment = config.Environment.WithOptions(options);
        var spec = environment.Spec();
        var inputShape = new ObservationLayout(spec, config.Observation).InputShape;
        return config with { Environment = environment, Network = config.Network.Resolved(inputShape, spec.ActionCount) };
    }

    /// <summary>Reads config JSON without validating its values; errors name the source <paramref name="sourceOf"/> gives for the field.</summary>
    private static ExperimentConfig Deserialize(string json, Func<string, string> sourceOf, bool withLines)
    {
        ExperimentConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ExperimentConfig>(json, JsonOptions);
        }
        catch (InvalidConfigValueException e)
        {
            throw new ConfigException($"{sourceOf(Field(e.Path))}: {Field(e.Path)} must be {e.Expected}, got {e.Got}", e);
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 0 } p ? $" at '{p.TrimStart('$', '.')}'" : "";
            string line = withLines && e.LineNumber is long l ? $" (line {l + 1})" : "";
            throw new ConfigException($"{sourceOf(Field(e.Path))}: invalid JSON{where}{line}: {FirstSentence(e.Message)}", e);
        }
        return config ?? throw new ConfigException($"{sourceOf("")}: the file holds no config object");
    }

    /// <summary>The value an override wrote, as errors show values: strings quoted, anything else as JSON.</summary>
    private static string Quote(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return text.Trim();
        }
        catch (JsonException)
        {
            return $"'{text}'";
        }
    }

    /// <summary>Serializes <paramref name="config"/> with every field resolved (defaults included).</summary>
    public static string ToJson(ExperimentConfig config) => JsonSerializer.Serialize(config, JsonOptions);

    /// <summary>
    /// Throws a one-line <see cref="ConfigException"/> "<c>source: field must be expected, got value</c>" for the first
    /// invalid value, in file order: nulls, ranges (<see cref="ConfigLimits"/>), finiteness, registry names and whether
    /// the allocations the config implies fit the memory this process may use (<see cref="ConfigMemoryEstimate"/>).
    /// </summary>
    public static void Validate(ExperimentConfig c, string source) => Validate(c, source, AvailableMemoryBytes);

    /// <summary>Memory this process may use (the machine's, or the container's limit).</summary>
    public static long AvailableMemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>As <see cref="Validate(ExperimentConfig, string)"/> with <paramref name="availableMemoryBytes"/> as the memory limit.</summary>
    public static void Validate(ExperimentConfig c, string source, long availableMemoryBytes) => Validate(c, _ => source, availableMemoryBytes);

    private static void Validate(ExperimentConfig c, Func<string, string> sourceOf, long availableMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(c);
        var rules = new ConfigRules(sourceOf, availableMemoryBytes);
        void Require(bool ok, string field, string expected, object? got) => rules.Require(ok, field, expected, got);

        rules.Name(c.Name);

        Require(c.Environment is not null, "environment", "an object", null);
        var environment = c.Environment!;
        Require(environment.Name is not null, "environment.name", "a string", null);
        rules.OneOf(EnvironmentRegistry.Contains(environment.Name), "environment.name", EnvironmentRegistry.Names, environment.Name);
        if (EnvironmentRegistry.CheckOptions(environment.Name!, environment.Options) is { } option)
            Require(false, $"environment.{option.Option}", option.Expected, option.Got);

        Require(c.Observation is not null, "observation", "an object", null);
        var spec = environment.Spec();
        rules.Int(c.Observation!.HistoryFrames, "observation.history_frames", 1, ConfigLimits.MaxHistoryFrames);
        bool history = c.Observation.HistoryFrames > 1 || c.Observation.HistoryActions;
        // Matches, play and inspect hand the agent bare positions, with no history to stack.
        Require(!history || !spec.IsTwoPlayer, "observation.history_frames", $"1 with history_actions false for {spec.Name} (history is for single-player games)",
            c.Observation.HistoryFrames);
        Require(!history || spec.ObservationShape.Length is 1 or 3, "observation.history_frames",
            $"1 with history_actions false for {spec.Name} (history stacks [O] or [C, H, W] observations)", c.Observation.HistoryFrames);

        Require(c.Network is not null, "network", "an object", null);
        var n = c.Network!;
        Require(n.Kind is not null, "network.kind", "a string", null);
        rules.OneOf(NetworkRegistry.Contains(n.Kind), "network.kind", NetworkRegistry.Names, n.Kind);
        rules.Int(n.LatentSize, "network.latent_size", 1, ConfigLimits.MaxLatentSize);
        rules.Int(n.HiddenSize, "network.hidden_size", 1, ConfigLimits.MaxHiddenSize);
        rules.Int(n.HiddenLayers, "network.hidden_layers", 1, ConfigLimits.MaxHiddenLayers);
        rules.Int(n.ValueSupportSize, "network.value_support_size", 1, ConfigLimits.MaxSupportSize);
        rules.Int(n.RewardSupportSize, "network.reward_support_size", 1, ConfigLimits.MaxSupportSize);
        NetworkConfigRules.Validate(n, environment.Spec(), rules);

        Require(c.Search is not null, "search", "an object", null);
        var s = c.Search!;
        rules.Int(s.Simulations, "search.simulations", 1, ConfigLimits.MaxSimulations);
        rules.Finite(s.Discount, "search.discount");
        Require(s.Discount > 0 && s.Discount <= 1, "search.discount", "in (0, 1]", s.Discount);
        rules.Positive(s.PbCInit, "search.pb_c_init");
        rules.Positive(s.PbCBase, "search.pb_c_base");
        rules.Positive(s.DirichletAlpha, "search.dirichlet_alpha");
        rules.Finite(s.ExplorationFraction, "search.exploration_fraction");
        Require(s.ExplorationFraction is >= 0 and <= 1, "search.exploration_fraction", "in [0, 1]", s.ExplorationFraction);
        Require(Enum.IsDefined(s.UnvisitedValue), "search.unvisited_value", "minimum or parent_value", s.UnvisitedValue);
        Require(s.ParallelThreshold >= 1, "search.parallel_threshold", ">= 1", s.ParallelThreshold);
        rules.Int(s.PipelineGroups, "search.pipeline_groups", 1, ConfigLimits.MaxParallelGames);
        rules.Int(s.Shards, "search.shards", 0, ConfigLimits.MaxParallelGames);
        Require(s.PipelineGroups == 1 || s.Shards <= 1, "search.shards", "0 or 1 with search.pipeline_groups > 1 (a search is pipelined or sharded)", s.Shards);
        Require(s.Policy is not null, "search.policy", "a string", null);
        rules.OneOf(SearchPolicyRegistry.Contains(s.Policy), "search.policy", SearchPolicyRegistry.Names, s.Policy);
        Require(s.Gumbel is not null, "search.gumbel", "an object", null);
        var g = s.Gumbel!;
        Require(g.MaxConsideredActions >= 1, "search.gumbel.max_considered_actions", ">= 1", g.MaxConsideredActions);
        rules.Finite(g.GumbelScale, "search.gumbel.gumbel_scale");
        Require(g.GumbelScale >= 0, "search.gumbel.gumbel_scale", ">= 0", g.GumbelScale);
        rules.Finite(g.MaxvisitInit, "search.gumbel.maxvisit_init");
        Require(g.MaxvisitInit >= 0, "search.gumbel.maxvisit_init", ">= 0", g.MaxvisitInit);
        rules.Positive(g.ValueScale, "search.gumbel.value_scale");

        Require(c.SelfPlay is not null, "self_play", "an object", null);
        var p = c.SelfPlay!;
        rules.Int(p.ParallelGames, "self_play.parallel_games", 1, ConfigLimits.MaxParallelGames);
        Require(p.Temperature is not null, "self_play.temperature", "a list", null);
        Require(p.Temperature!.Count >= 1, "self_play.temperature", "a non-empty list", "[]");
        for (int i = 0; i < p.Temperature.Count; i++)
        {
            var step = p.Temperature[i];
            Require(step is not null, $"self_play.temperature[{i}]", "an object", null);
            rules.Finite(step!.Value, $"self_play.temperature[{i}].value");
            Require(step.Value >= 0, $"self_play.temperature[{i}].value", ">= 0", step.Value);
            if (i > 0)
                Require(step.UntilStep > p.Temperature[i - 1].UntilStep,
                    $"self_play.temperature[{i}].until_step", "greater than the previous entry's", step.UntilStep);
        }
        Require(p.GreedyAfterMove is null or >= 0, "self_play.greedy_after_move", ">= 0 or null", p.GreedyAfterMove);
        Require(p.WeightsRefreshInterval >= 1, "self_play.weights_refresh_interval", ">= 1", p.WeightsRefreshInterval);
        Require(p.MaxEpisodeSteps is null or >= 1, "self_play.max_episode_steps", ">= 1 or null", p.MaxEpisodeSteps);

        Require(c.Replay is not null, "replay", "an object", null);
        var r = c.Replay!;
        rules.Int(r.CapacitySteps, "replay.capacity_steps", 1, ConfigLimits.MaxCapacitySteps);
        rules.Int(r.TdSteps, "replay.td_steps", 1, ConfigLimits.MaxTdSteps);
        // Prioritized replay defines alpha in [0, 1] (uniform to fully prioritized) and beta in [0, 1] (no to full
        // correction); larger exponents overflow the priorities of large errors into infinity.
        rules.Fraction(r.PriorityAlpha, "replay.priority_alpha");
        rules.Fraction(r.PriorityBeta, "replay.priority_beta");
        Require(r.MinStepsBeforeTraining >= 1, "replay.min_steps_before_training", ">= 1", r.MinStepsBeforeTraining);
        Require(r.MinStepsBeforeTraining <= r.CapacitySteps, "replay.min_steps_before_training",
            $"<= replay.capacity_steps ({r.CapacitySteps})", r.MinStepsBeforeTraining);

        Require(c.Training is not null, "training", "an object", null);
        var t = c.Training!;
        Require(t.TrainingSteps >= 1, "training.training_steps", ">= 1", t.TrainingSteps);
        if (t.MaxWallMinutes is double minutes)
        {
            rules.Finite(minutes, "training.max_wall_minutes");
            Require(minutes > 0, "training.max_wall_minutes", "> 0 or null", minutes);
            Require(minutes <= ConfigLimits.MaxWallMinutes, "training.max_wall_minutes", $"<= {ConfigRules.Format(ConfigLimits.MaxWallMinutes)} or null", minutes);
        }
        rules.Int(t.BatchSize, "training.batch_size", 1, ConfigLimits.MaxBatchSize);
        rules.Int(t.UnrollSteps, "training.unroll_steps", 1, ConfigLimits.MaxUnrollSteps);
        Require(t.Optimizer is not null, "training.optimizer", "a string", null);
        rules.OneOf(OptimizerRegistry.Names.Contains(t.Optimizer!), "training.optimizer", OptimizerRegistry.Names, t.Optimizer);
        rules.Finite(t.LearningRate, "training.learning_rate");
        Require(t.LearningRate > 0 && t.LearningRate <= ConfigLimits.MaxLearningRate, "training.learning_rate",
            $"in (0, {ConfigRules.Format(ConfigLimits.MaxLearningRate)}]", t.LearningRate);

        Require(t.LearningRateSchedule is not null, "training.learning_rate_schedule", "an object", null);
        var schedule = t.LearningRateSchedule!;
        Require(schedule.Kind is not null, "training.learning_rate_schedule.kind", "a string", null);
        rules.OneOf(LearningRateScheduleRegistry.Contains(schedule.Kind), "training.learning_rate_schedule.kind", LearningRateScheduleRegistry.Names, schedule.Kind);
        Require(schedule.DecaySteps >= 1, "training.learning_rate_schedule.decay_steps", ">= 1", schedule.DecaySteps);
        rules.Finite(schedule.DecayRate, "training.learning_rate_schedule.decay_rate");
        // A rate above 1 grows the learning rate exponentially over the run.
        Require(schedule.DecayRate > 0 && schedule.DecayRate <= 1, "training.learning_rate_schedule.decay_rate", "in (0, 1]", schedule.DecayRate);
        Require(schedule.WarmupSteps >= 0, "training.learning_rate_schedule.warmup_steps", ">= 0", schedule.WarmupSteps);

        rules.Finite(t.WeightDecay, "training.weight_decay");
        Require(t.WeightDecay is >= 0 and <= 1, "training.weight_decay", "in [0, 1]", t.WeightDecay);
        rules.Finite(t.Momentum, "training.momentum");
        Require(t.Momentum is >= 0 and < 1, "training.momentum", "in [0, 1)", t.Momentum);
        rules.Finite(t.ValueLossWeight, "training.value_loss_weight");
        Require(t.ValueLossWeight >= 0, "training.value_loss_weight", ">= 0", t.ValueLossWeight);
        if (t.MaxGradNorm is double clip)
        {
            rules.Finite(clip, "training.max_grad_norm");
            Require(clip > 0, "training.max_grad_norm", "> 0 or null", clip);
        }
        rules.Finite(t.UpdatesPerEnvStep, "training.updates_per_env_step");
        Require(t.UpdatesPerEnvStep > 0 && t.UpdatesPerEnvStep <= ConfigLimits.MaxUpdatesPerEnvStep, "training.updates_per_env_step",
            $"in (0, {ConfigRules.Format(ConfigLimits.MaxUpdatesPerEnvStep)}]", t.UpdatesPerEnvStep);
        Require(!t.SymmetryAugmentation || EnvironmentRegistry.IsBoardGame(environment.Name), "training.symmetry_augmentation",
            $"false for '{environment.Name}' (only the board games {string.Join(", ", EnvironmentRegistry.BoardGames)} have symmetries)", true);
        Require(t.CheckpointInterval >= 1, "training.checkpoint_interval", ">= 1", t.CheckpointInterval);
        Require(t.LogInterval >= 1, "training.log_interval", ">= 1", t.LogInterval);
        Require(!t.Tensorboard || t.TrainingSteps <= int.MaxValue, "training.training_steps",
            $"<= {int.MaxValue} while training.tensorboard is true (TorchSharp's event writer takes 32-bit steps)", t.TrainingSteps);

        Require(c.Reanalyze is not null, "reanalyze", "an object", null);
        var re = c.Reanalyze!;
        rules.Fraction(re.Fraction, "reanalyze.fraction");
        Require(re.TargetRefreshInterval >= 1, "reanalyze.target_refresh_interval", ">= 1", re.TargetRefreshInterval);
        if (re.Simulations is int reanalyzeSimulations) rules.Int(reanalyzeSimulations, "reanalyze.simulations", 1, ConfigLimits.MaxSimulations);

        Require(c.Evaluation is not null, "evaluation", "an object", null);
        var e = c.Evaluation!;
        rules.Int(e.Episodes, "evaluation.episodes", 1, ConfigLimits.MaxEvaluationEpisodes);
        if (e.Simulations is int evaluationSimulations) rules.Int(evaluationSimulations, "evaluation.simulations", 1, ConfigLimits.MaxSimulations);
        Require(e.Opponent is not null, "evaluation.opponent", "a string", null);
        Require(OpponentRegistry.IsAvailable(e.Opponent, environment.Name!), "evaluation.opponent",
            OpponentRegistry.Expected(e.Opponent, environment.Name!), $"'{e.Opponent}'");
        Require(e.Interval >= 0, "evaluation.interval", ">= 0", e.Interval);
        Require(e.MaxEpisodeSteps is null or >= 1, "evaluation.max_episode_steps", ">= 1 or null", e.MaxEpisodeSteps);
        if (e.StopAt is { } goal)
        {
            Require(e.Interval > 0, "evaluation.interval", "> 0 with evaluation.stop_at (the goal is checked at the evaluations during training)", e.Interval);
            if (spec.IsTwoPlayer)
            {
                Require(goal.MinMeanReturn is null, "evaluation.stop_at.min_mean_return", $"absent for the two-player game {spec.Name} (use max_losses)", goal.MinMeanReturn);
                Require(goal.MaxLosses is not null, "evaluation.stop_at.max_losses", $"a number of losses for the two-player game {spec.Name}", null);
                rules.Int(goal.MaxLosses!.Value, "evaluation.stop_at.max_losses", 0, e.Episodes);
            }
            else
            {
                Require(goal.MaxLosses is null, "evaluation.stop_at.max_losses", $"absent for the single-player game {spec.Name} (use min_mean_return)", goal.MaxLosses);
                Require(goal.MinMeanReturn is not null, "evaluation.stop_at.min_mean_return", $"a mean return for the single-player game {spec.Name}", null);
                rules.Finite(goal.MinMeanReturn!.Value, "evaluation.stop_at.min_mean_return");
            }
        }

        rules.Memory(c);
    }

    private static string Field(string? jsonPath) => jsonPath is { Length: > 0 } p ? p.TrimStart('$', '.') : "(top level)";

    private static string FirstSentence(string message)
    {
        string oneLine = message.Replace('\n', ' ').Replace('\r', ' ');
        int cut = oneLine.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? oneLine[..cut].TrimEnd() : oneLine;
    }
}
