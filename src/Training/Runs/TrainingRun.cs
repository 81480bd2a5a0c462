using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using MuZero.Training.Learning;
using MuZero.Training.Observations;
using MuZero.Training.Reanalysis;
using MuZero.Training.Replay;
using MuZero.Training.SelfPlay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Runs;

/// <summary>
/// A whole training job on one machine, in rounds: the learner spends the update credit
/// (<see cref="TrainingConfig.UpdatesPerEnvStep"/> updates per environment step, once the buffer holds
/// <see cref="ReplayConfig.MinStepsBeforeTraining"/> positions) while the actor plays one move in each of its
/// B games, at the same time on two threads (<see cref="TrainingConfig.ConcurrentSelfPlay"/>) or one after the
/// other. The actor's network copies the learner's weights every <see cref="SelfPlayConfig.WeightsRefreshInterval"/>
/// updates, between rounds. With reanalysis (<see cref="ReanalyzeConfig"/>), the positions of the batch rows it covers are
/// searched again by a target network (the learner's weights, copied every <see cref="ReanalyzeConfig.TargetRefreshInterval"/> updates)
/// on a third thread while the learner trains on the previous batch. Ends at the step budget, an update or wall-clock limit, cancellation or divergence;
/// always with a checkpoint except on divergence, which keeps the last good one.
/// </summary>
/// <remarks>
/// Resume is exact: checkpoints fall between rounds, and <c>latest.ckpt</c> holds, beside weights, optimizer,
/// counters and random streams, the replay buffer with its priorities (and the search statistics reanalysis replaced),
/// the actor's weights and unfinished games and the target network's weights, so a run interrupted at a checkpoint and resumed ends with the same weights as an uninterrupted one.
/// </remarks>
public sealed class TrainingRun : IDisposable
{
    private const int RecentEpisodes = 50;

    private readonly ExperimentConfig _config;
    private readonly RunDirectory _directory;
    private readonly Device _device;
    private readonly ILogger _logger;
    private readonly Func<IEnvironment> _factory;
    private readonly ObservationLayout _layout;
    private readonly MuZeroNetwork _learnerNetwork;
    private readonly MuZeroNetwork _actorNetwork;
    private readonly MuZeroNetwork? _targetNetwork;
    private readonly Reanalyzer? _reanalyzer;
    private readonly UnrollTrainer _trainer;
    private readonly ReplayBuffer _replay;
    private readonly SelfPlayActor _actor;
    private readonly Xoshiro256 _actorRng;
    private readonly Xoshiro256 _samplerRng;
    private readonly BatchPrefetcher _prefetcher;
    private readonly float[] _priorities;
    private readonly Queue<double> _recentReturns = new();
    private readonly MetricsWriter _metrics;
    private readonly TensorBoardWriter? _tensorBoard;
    // Self-play searches since the previous log; filled between rounds, read and cleared at log points.
    private readonly SearchStatistics _searchWindow = new();
    private TrainingCounters _counters;
    private long _updateTicks; // time in the learner's updates since the previous log (reported with reanalysis)
    // The rounds completed since the previous log: their wall time, and how long the learner's burst and the actor's
    // move kept each busy in them (what sets the pace). Added between rounds, read and cleared by the log inside a burst.
    private long _roundTicks, _learnerBusyTicks, _actorBusyTicks;

    /// <summary>Sets up a new run in an empty <paramref name="directory"/>, or continues the one saved in <paramref name="resume"/>.</summary>
    /// <exception cref="CheckpointException"><paramref name="resume"/> lacks state a resume needs, or does not fit the config.</exception>
    public TrainingRun(ExperimentConfig config, RunDirectory directory, Device device, ILogger logger, Checkpoint? resume = null)
    {
        _config = config;
        _directory = directory;
        _device = device;
        _logger = logger;
        _factory = config.Environment.Create;
        var spec = config.Environment.Spec();
        Spec = spec;
        if (resume is not null)
        {
            if (!resume.HasOptimizer) throw new CheckpointException($"{resume.Path}: checkpoint has no optimizer state, so the run cannot continue as it was");
            if (resume.RngState.Length != 8) throw new CheckpointException($"{resume.Path}: checkpoint has {resume.RngState.Length} random-stream words, expected 8");
        }

        manual_seed((long)(config.Seed % long.MaxValue));
        var layout = new ObservationLayout(spec, config.Observation);
        _layout = layout;
        _learnerNetwork = NetworkRegistry.Create(config.Network, layout.InputShape, spec.ActionCount);
        _actorNetwork = NetworkRegistry.Create(config.Network, layout.InputShape, spec.ActionCount);
        resume?.LoadWeights(_learnerNetwork);
        _learnerNetwork.to(device);
        _actorNetwork.to(device);
        _actorNetwork.CopyWeightsFrom(_learnerNetwork);
        _actorNetwork.eval();
        if (config.Reanalyze.Enabled)
        {
            _targetNetwork = NetworkRegistry.Create(config.Network, layout.InputShape, spec.ActionCount);
            _targetNetwork.to(device);
            _targetNetwork.CopyWeightsFrom(_learnerNetwork);
            _targetNetwork.eval();
            _reanalyzer = new Reanalyzer(new NetworkSearchModel(_targetNetwork, device), config.Reanalyze, config.Search, spec, layout);
        }

        _trainer = new UnrollTrainer(_learnerNetwork, config.Training, device, layout.InputShape);
        var master = new Xoshiro256(config.Seed);
        _actorRng = master.Fork();
        _samplerRng = master.Fork();
        _counters = new TrainingCounters();
        _replay = new ReplayBuffer(config.Replay, config.Search.Discount, spec.IsTwoPlayer, layout);
        _actor = new SelfPlayActor(config, _factory, new NetworkSearchModel(_actorNetwork, device), _actorRng);
        _prefetcher = new BatchPrefetcher(_replay, _trainer, _samplerRng,
            () => new TrainingBatch(config.Training.BatchSize, config.Training.UnrollSteps, layout.InputSize, spec.ActionCount),
            _reanalyzer,
            config.Training.SymmetryAugmentation
                ? new SymmetryAugmentation(((IBoardGame)_factory()).Symmetries, layout)
                : null);
        _priorities = new float[config.Training.BatchSize];
        Live = new LiveTrainingStatus(config.Training.TrainingSteps, config.Replay.MinStepsBeforeTraining, spec.IsTwoPlayer);

        if (resume is null)
        {
            RunDirectory.WriteAtomically(directory.ConfigPath, ConfigLoader.ToJson(config));
            _metrics = MetricsWriter.Create(directory.MetricsPath);
            if (config.Training.Tensorboard) _tensorBoard = TensorBoardWriter.Create(directory.Root);
        }
        else
        {
            resume.LoadOptimizer(_trainer.Optimizer);
            _counters = resume.Counters;
            _trainer.Step = _counters.TrainingStep;
            _prefetcher.NextBatchIndex = _counters.TrainingStep;
            // After the actor's construction, which draws the environments' seed from its stream.
            _actorRng.SetState(resume.RngState.AsSpan(0, 4));
            _samplerRng.SetState(resume.RngState.AsSpan(4, 4));
            // Before the actor's games, which replay from it; absent in checkpoints written before it existed (then 0).
            resume.TryReadState(ActorCarrySection, _actor.ReadCarriedStates);
            RestoredState = resume.TryReadState(ReplaySection, r => _replay.Read(r, spec.ObservationSize, spec.ActionCount, spec.BinaryObservations))
                            & resume.TryReadState(ActorSection, r => _actor.ReadState(r, config.Replay.CapacitySteps))
                            & resume.TryReadState(ActorWeightsSection, r => _actorNetwork.load(r, strict: true))
                            & resume.TryReadState(RecentReturnsSection, ReadRecentReturns)
                            // Without its section (a step-N checkpoint) the target network starts from the learner's weights.
                            & (_targetNetwork is null || resume.TryReadState(TargetWeightsSection, r => _targetNetwork.load(r, strict: true)));
            // Not part of RestoredState: checkpoints written before these statistics existed still resume exactly.
            resume.TryReadState(SearchStatisticsSection, _searchWindow.Read);
            (_metrics, int dropped) = MetricsWriter.OpenForResume(directory.MetricsPath, _counters.TrainingStep);
            if (dropped > 0) _logger.LogInformation("metrics.jsonl: dropped {Count} line(s) written after update {Step} or torn by the interruption", dropped, _counters.TrainingStep);
            if (config.Training.Tensorboard)
            {
                (_tensorBoard, int droppedEvents) = TensorBoardWriter.OpenForResume(directory.Root, _counters.TrainingStep);
                if (droppedEvents > 0) _logger.LogInformation("TensorBoard event files: dropped {Count} record(s) written after update {Step} or torn by the interruption", droppedEvents, _counters.TrainingStep);
            }
        }
    }

    private const string ReplaySection = "replay";
    private const string ActorSection = "actor";
    private const string ActorCarrySection = "actor_carried_states";
    private const string ActorWeightsSection = "actor_model";
    private const string RecentReturnsSection = "recent_returns";
    private const string SearchStatisticsSection = "search_statistics";
    private const string TargetWeightsSection = "reanalyze_target_model";

    /// <summary>The game trained on.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>Progress counters so far.</summary>
    public TrainingCounters Counters => _counters;

    /// <summary>
    /// True when the resumed checkpoint held the whole run state (replay buffer, unfinished games, actor
    /// weights), so the run continues exactly; false for a new run or a weights-only checkpoint (the replay
    /// buffer then refills from scratch).
    /// </summary>
    public bool RestoredState { get; }

    /// <summary>Where the run stands, for a progress display on another thread.</summary>
    public LiveTrainingStatus Live { get; }

    /// <summary>
    /// Trains until the budget, <paramref name="stopAtStep"/> (an update limit for this invocation only), the
    /// wall-clock limit (the config's, over the whole run, or <paramref name="maxMinutes"/> for this invocation)
    /// or <paramref name="cancellation"/>; always ends with a checkpoint.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (the last good checkpoint is kept).</exception>
    public TrainingOutcome Run(CancellationToken cancellation, Action<TrainingProgress>? progress = null, long? stopAtStep = null, double? maxMinutes = null)
    {
        var training = _config.Training;
        var clock = Stopwatch.StartNew();
        double elapsedBefore = _counters.ElapsedSeconds;
        long step = _counters.TrainingStep, envSteps = _counters.EnvironmentSteps, episodes = _counters.Episodes;
        double credit = _counters.UpdateCredit;
        long lastLogStep = step, lastLogEnvSteps = envSteps;
        double lastLogTime = 0;
        long limit = Math.Min(training.TrainingSteps, stopAtStep ?? long.MaxValue);
        LossReport loss = default;
        double Elapsed() => elapsedBefore + clock.Elapsed.TotalSeconds;
        // Seconds this invocation may train: the nearer of the run's limit (over its whole life) and this invocation's.
        double secondsAllowed = Math.Min(training.MaxWallMinutes is double total ? total * 60 - elapsedBefore : double.PositiveInfinity,
                                         maxMinutes is double minutes ? minutes * 60 : double.PositiveInfinity);
        bool OutOfTime() => clock.Elapsed.TotalSeconds >= secondsAllowed;
        // Stops an evaluation during the run as well (a MinAtar evaluation can take minutes): on a signal, or when the
        // time allowed runs out while it plays.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (secondsAllowed < int.MaxValue / 1000.0) stopping.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, secondsAllowed)));

        _logger.LogInformation("Training {Name} on {Game} ({Device}): {Steps} updates, batch {Batch}, K={K}, {Games} parallel games, {Sims} simulations; run directory {Dir}",
            _config.Name, Spec.Name, _device.ToString(), training.TrainingSteps, training.BatchSize, training.UnrollSteps,
            _config.SelfPlay.ParallelGames, _config.Search.Simulations, _directory.Root);

        if (_config.Reanalyze is { Enabled: true } reanalyze)
            _logger.LogInformation("Reanalyze: {Fraction:P0} of the sampled positions searched again ({Sims} simulations, no root noise) by a target network refreshed every {Interval} updates",
                reanalyze.Fraction, reanalyze.Simulations ?? _config.Search.Simulations, reanalyze.TargetRefreshInterval);

        // A run killed before its first interval still resumes: from its initial state.
        if (!File.Exists(_directory.LatestCheckpointPath)) SaveCheckpoints(step, envSteps, episodes, credit, Elapsed());

        bool learning = _replay.Steps >= _config.Replay.MinStepsBeforeTraining;
        Live.LastUpdate = limit;
        Live.Updates = step;
        PublishRound(envSteps, episodes);
        Live.Phase = learning ? TrainingPhase.Training : TrainingPhase.FillingReplay;
        if (!learning) _logger.LogInformation("Self-play fills the replay buffer with {Min} positions before the first update", _config.Replay.MinStepsBeforeTraining);

        int libTorchThreads = torch.get_num_threads();
        bool concurrent = training.ConcurrentSelfPlay;
        int done = 0;
        long burstTicks = 0; // the last burst's duration, written by the learner's thread before the round ends

        // One learner burst: `count` updates in a row, on the learner's thread; stops early on cancellation or
        // when time is up, so a stop never waits for a long burst (high replay ratios).
        void Learn(int count)
        {
            long burstStart = Stopwatch.GetTimestamp();
            for (done = 0; done < count && !cancellation.IsCancellationRequested && !OutOfTime(); done++)
            {
                var (batch, tensors) = _prefetcher.Take();
                if (done + 1 < count) _prefetcher.StartNext();
                long updateStart = Stopwatch.GetTimestamp();
                using (tensors) loss = _trainer.Train(batch, tensors, _priorities);
                _updateTicks += Stopwatch.GetTimestamp() - updateStart;
                _prefetcher.WaitForPending(); // it reads priorities (and the target network): let it finish before they change
                if (!IsFinite(loss, _priorities.AsSpan(0, batch.Size)))
                    throw Diverged($"at update {step + 1}: the loss is {loss.Total} (value {loss.Value}, reward {loss.Reward}, policy {loss.Policy})");
                _replay.UpdatePriorities(batch.Slots, _priorities);
                step++;
                // The batch prepared during this update used the previous weights; the next preparation starts after this.
                if (_targetNetwork is not null && step % _config.Reanalyze.TargetRefreshInterval == 0) _targetNetwork.CopyWeightsFrom(_learnerNetwork);
                Live.Updates = step;
                if (step % training.LogInterval == 0)
                {
                    double now = clock.Elapsed.TotalSeconds;
                    double dt = Math.Max(1e-9, now - lastLogTime);
                    var snapshot = new TrainingProgress(step, training.TrainingSteps, envSteps, episodes, RecentReturn(), loss.Total,
                        (step - lastLogStep) / dt, (envSteps - lastLogEnvSteps) / dt, TimeSpan.FromSeconds(elapsedBefore + now));
                    (lastLogStep, lastLogEnvSteps, lastLogTime) = (step, envSteps, now);
                    Report(snapshot, loss);
                    progress?.Invoke(snapshot);
                }
            }
            burstTicks = Stopwatch.GetTimestamp() - burstStart;
        }

        // Rounds: the learner spends the update credit earned so far while the actor plays one move in every
        // game with the weights of the previous round; the new games enter the replay buffer after both end.
        // Everything a round depends on is fixed when it starts, so a run is as deterministic as a sequential one,
        // and a checkpoint taken between rounds resumes exactly.
        // Concurrent: the learner's thread and this one drive libtorch with one thread each, a core each (two whole
        // libtorch thread teams on two cores slow each other down several times over). The count stays fixed: results
        // depend on it in the last bits, and libtorch's thread setting is partly process-wide (changing it on this
        // thread around evaluations halved the learner's speed for the rest of a run). Sequential: the learner's
        // burst, then the actor's move, each with libtorch's whole thread team.
        StopReason? stop = null;
        using var learner = concurrent ? new DedicatedThread("muzero-learner", UseOneLibTorchThread) : null;
        if (learner is not null) UseOneLibTorchThread();
        // Reanalysis searches on its own thread, with one libtorch thread, beside the learner and the actor.
        using var reanalysis = _reanalyzer is not null ? new DedicatedThread("muzero-reanalyze", UseOneLibTorchThread) : null;
        _prefetcher.Worker = reanalysis;
        try
        {
            var finished = new List<GameHistory>();
            while (true)
            {
                if (step >= training.TrainingSteps) stop = StopReason.BudgetReached;
                else if (_counters.GoalStep is not null) stop = StopReason.GoalReached;
                else if (step >= limit) stop = StopReason.StepLimit;
                else if (cancellation.IsCancellationRequested) stop = StopReason.Cancelled;
                else if (OutOfTime()) stop = StopReason.WallClockLimit;
                if (stop is not null) break;

                long roundStart = step, roundStartTicks = Stopwatch.GetTimestamp(), actorTicks = 0;
                burstTicks = 0;
                int burst = learning ? UpdatesThisRound(step, credit, limit) : 0;
                done = 0; // a round without a burst must not spend the previous round's count again
                if (burst > 0 && learner is null) Learn(burst);
                else if (burst > 0) learner!.Start(() => Learn(burst));
                int played = 0;
                Exception? actorError = null;
                try
                {
                    // The last round of the budget needs no more games.
                    long actorStart = Stopwatch.GetTimestamp();
                    if (roundStart + burst < training.TrainingSteps) played = _actor.Step(roundStart, finished.Add);
                    actorTicks = Stopwatch.GetTimestamp() - actorStart;
                }
                catch (Exception e)
                {
                    actorError = e;
                }
                learner?.Wait();
                _roundTicks += Stopwatch.GetTimestamp() - roundStartTicks;
                _learnerBusyTicks += burstTicks;
                _actorBusyTicks += actorTicks;
                if (actorError is not null) ExceptionDispatchInfo.Throw(actorError);
                credit -= done;

                foreach (var game in finished)
                {
                    if (!game.HasFiniteValues()) throw Diverged($"after update {step}: self-play searches return NaN or infinite values");
                    _replay.Add(game);
                    episodes++;
                    _recentReturns.Enqueue(game.TotalReward);
                    if (_recentReturns.Count > RecentEpisodes) _recentReturns.Dequeue();
                }
                finished.Clear();
                envSteps += played;
                _searchWindow.Add(_actor.SearchStatistics);
                _actor.SearchStatistics.Clear();
                PublishRound(envSteps, episodes);
                if (!learning && _replay.Steps >= _config.Replay.MinStepsBeforeTraining)
                {
                    learning = true;
                    Live.Phase = TrainingPhase.Training;
                    _logger.LogInformation("Replay holds {Steps} positions from {Games} games; updates start", _replay.Steps, _replay.Games);
                }
                if (learning) credit += played * training.UpdatesPerEnvStep;
                if (step == roundStart) continue;

                int refresh = _config.SelfPlay.WeightsRefreshInterval;
                if (step / refresh > roundStart / refresh) _actorNetwork.CopyWeightsFrom(_learnerNetwork);
                if (_config.Evaluation.Interval > 0 && step % _config.Evaluation.Interval == 0 && step < training.TrainingSteps)
                    EvaluateAndKeepBest(step, envSteps, episodes, credit, Elapsed(), stopping.Token);
                if (step % training.CheckpointInterval == 0)
                    SaveCheckpoints(step, envSteps, episodes, credit, Elapsed());
            }

            _logger.LogInformation("Stopped at update {Step} ({Reason}); {EnvSteps} environment steps, {Episodes} episodes, {Seconds:F0} s",
                step, Describe(stop.Value, limit, maxMinutes), envSteps, episodes, clock.Elapsed.TotalSeconds);
            // The final evaluation keeps the loop's one libtorch thread, like the evaluations during the run: a whole
            // thread team made it up to 50x slower whenever another process held a core (its threads spin-wait).
            if (stop == StopReason.BudgetReached)
            {
                EvaluateAndKeepBest(step, envSteps, episodes, credit, Elapsed(), cancellation);
                _logger.LogInformation("Best evaluation score {Score:F3} at update {Step}: {Path}", _counters.BestScore, _counters.BestStep, _directory.BestCheckpointPath);
            }
            SaveCheckpoints(step, envSteps, episodes, credit, Elapsed());
        }
        finally
        {
            _prefetcher.WaitForPending();
            _prefetcher.Worker = null;
            if (learner is not null || reanalysis is not null) torch.set_num_threads(libTorchThreads);
        }
        _logger.LogInformation("Final checkpoint {Path}", _directory.LatestCheckpointPath);
        return new TrainingOutcome(_directory.LatestCheckpointPath, step, stop.Value);
    }

    /// <summary>
    /// The updates the credit pays for, up to the limit and the next checkpoint or evaluation, so that those
    /// fall between rounds, where the whole run state is consistent.
    /// </summary>
    private int UpdatesThisRound(long step, double credit, long limit)
    {
        long count = Math.Min((long)Math.Floor(credit), limit - step);
        count = Math.Min(count, NextMultiple(step, _config.Training.CheckpointInterval) - step);
        if (_config.Evaluation.Interval > 0) count = Math.Min(count, NextMultiple(step, _config.Evaluation.Interval) - step);
        return (int)Math.Max(0, count);
    }

    /// <summary>Gives the calling thread one libtorch (OpenMP) thread; asking for the count makes libtorch set up this thread's team now.</summary>
    private static void UseOneLibTorchThread()
    {
        torch.set_num_threads(1);
        _ = torch.get_num_threads();
    }

    private static long NextMultiple(long step, long interval) => (step / interval + 1) * interval;

    private string Describe(StopReason reason, long limit, double? maxMinutes) => reason switch
    {
        StopReason.BudgetReached => "training step budget reached",
        StopReason.StepLimit => $"update limit {limit} of this invocation reached",
        StopReason.GoalReached => $"evaluation at update {_counters.GoalStep} reached the goal ({_config.Evaluation.StopAt})",
        StopReason.WallClockLimit => maxMinutes is double m ? $"wall-clock limit of {m} minutes reached" : $"wall-clock limit of {_config.Training.MaxWallMinutes} minutes reached",
        _ => "cancelled",
    };

    private static bool IsFinite(LossReport loss, ReadOnlySpan<float> priorities)
    {
        if (!double.IsFinite(loss.Total)) return false;
        foreach (float p in priorities)
            if (!float.IsFinite(p)) return false;
        return true;
    }

    private TrainingDivergedException Diverged(string what)
    {
        string lastGood = File.Exists(_directory.LatestCheckpointPath)
            ? $"the last good checkpoint is {_directory.LatestCheckpointPath} (update {Checkpoint.Load(_directory.LatestCheckpointPath).Counters.TrainingStep})"
            : "no checkpoint was written yet";
        return new TrainingDivergedException(
            $"training diverged {what}; " +
            $"{lastGood}; lower training.learning_rate or set training.max_grad_norm");
    }

    private void EvaluateAndKeepBest(long step, long envSteps, long episodes, double credit, double elapsed, CancellationToken cancellation = default)
    {
        EvaluationScore result;
        try
        {
            result = Evaluate(step, envSteps, elapsed, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _logger.LogWarning("Evaluation at update {Step} stopped unfinished (signal or wall-clock limit); nothing recorded for it", step);
            return;
        }
        if (result.GoalReached && _counters.GoalStep is null) _counters = _counters with { GoalStep = step };
        if (_counters.BestScore is double best && result.Score <= best) return;
        _counters = _counters with { BestScore = result.Score, BestStep = step };
        SaveCheckpoint(_directory.BestCheckpointPath, step, envSteps, episodes, credit, elapsed, withRunState: false);
    }

    /// <summary>
    /// Greedy evaluation of the learner's current weights with the config's evaluation settings, logged
    /// and written to the metrics at update <paramref name="step"/>, after <paramref name="envSteps"/> environment steps
    /// and <paramref name="elapsedSeconds"/> seconds of training (so curves can use any of the three as x). Returns its
    /// score, the mean return (single-player) or (wins + draws / 2) / games (two-player), and whether it reached
    /// evaluation.stop_at.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled before the evaluation ended; nothing is recorded.</exception>
    public EvaluationScore Evaluate(long step, long envSteps, double elapsedSeconds, CancellationToken cancellation = default)
    {
        var search = _config.Evaluation.Simulations is int sims ? _config.Search with { Simulations = sims } : _config.Search;
        _learnerNetwork.eval();
        using var agent = new SearchAgent(new NetworkSearchModel(_learnerNetwork, _device), search, Spec, _layout);
        var clock = Stopwatch.StartNew();
        var phase = Live.Phase;
        Live.Phase = TrainingPhase.Evaluating;
        EvaluationScore result;
        try
        {
            result = Spec.IsTwoPlayer
                ? EvaluateTwoPlayer(agent, step, envSteps, elapsedSeconds, clock, cancellation)
                : EvaluateSinglePlayer(agent, step, envSteps, elapsedSeconds, clock, cancellation);
        }
        finally
        {
            Live.Phase = phase;
        }
        Live.SetEvaluation(step, result.Score);
        _tensorBoard?.Write(TensorBoardTags.EvaluationScore, result.Score, step);
        return result;
    }

    /// <summary>Games against the evaluation opponent, half as first player; scored (wins + draws / 2) / games.</summary>
    private EvaluationScore EvaluateTwoPlayer(SearchAgent agent, long step, long envSteps, double elapsedSeconds, Stopwatch clock, CancellationToken cancellation)
    {
        var opponent = OpponentRegistry.Create(_config.Evaluation.Opponent, Spec.Name, _config.Seed + 7);
        var r = Evaluator.TwoPlayer(agent, _factory, opponent, _config.Evaluation.Episodes, _config.Seed + 1_000_000, cancellation);
        _logger.LogInformation("Evaluation at update {Step} vs {Opponent}: {Wins} wins, {Draws} draws, {Losses} losses of {Games} ({Seconds:F1} s)",
            step, r.Opponent, r.Wins, r.Draws, r.Losses, r.Games, clock.Elapsed.TotalSeconds);
        _metrics.Write("evaluation", new Dictionary<string, object?>
        {
            ["step"] = step, ["env_steps"] = envSteps, ["elapsed_seconds"] = elapsedSeconds, ["opponent"] = r.Opponent, ["games"] = r.Games, ["wins"] = r.Wins, ["draws"] = r.Draws, ["losses"] = r.Losses,
        });
        _tensorBoard?.Write(TensorBoardTags.EvaluationWinRate, (double)r.Wins / r.Games, step);
        _tensorBoard?.Write(TensorBoardTags.EvaluationDrawRate, (double)r.Draws / r.Games, step);
        _tensorBoard?.Write(TensorBoardTags.EvaluationLossRate, (double)r.Losses / r.Games, step);
        return new EvaluationScore((r.Wins + 0.5 * r.Draws) / r.Games, _config.Evaluation.StopAt?.IsReachedBy(r.Losses) ?? false);
    }

    /// <summary>Greedy episodes; scored by their mean return.</summary>
    private EvaluationScore EvaluateSinglePlayer(SearchAgent agent, long step, long envSteps, double elapsedSeconds, Stopwatch clock, CancellationToken cancellation)
    {
        var r = Evaluator.SinglePlayer(agent, _factory, _config.Evaluation.Episodes, _config.Seed + 1_000_000, _config.Evaluation.MaxEpisodeSteps, cancellation);
        _logger.LogInformation("Evaluation at update {Step}: mean return {Mean:F1} ± {Error:F1} (standard error), median {Median:F1}, over {Episodes} greedy episodes{Cut} ({Seconds:F1} s)",
            step, r.MeanReturn, r.StandardError, r.MedianReturn, r.Episodes, r.TruncatedEpisodes > 0 ? $", {r.TruncatedEpisodes} cut at {_config.Evaluation.MaxEpisodeSteps} steps" : "",
            clock.Elapsed.TotalSeconds);
        _metrics.Write("evaluation", new Dictionary<string, object?>
        {
            ["step"] = step, ["env_steps"] = envSteps, ["elapsed_seconds"] = elapsedSeconds, ["episodes"] = r.Episodes, ["mean_return"] = r.MeanReturn, ["std_return"] = r.StdReturn,
            ["standard_error"] = r.StandardError, ["median_return"] = r.MedianReturn, ["truncated_episodes"] = r.TruncatedEpisodes,
        });
        _tensorBoard?.Write(TensorBoardTags.EvaluationMeanReturn, r.MeanReturn, step);
        _tensorBoard?.Write(TensorBoardTags.EvaluationStdReturn, r.StdReturn, step);
        return new EvaluationScore(r.MeanReturn, _config.Evaluation.StopAt?.IsReachedBy(r.MeanReturn) ?? false);
    }

    /// <summary>The share of the logged rounds' wall time that <paramref name="busyTicks"/> covers (0 before any round).</summary>
    private double BusyFraction(long busyTicks) => _roundTicks == 0 ? 0 : (double)busyTicks / _roundTicks;

    private double RecentReturn() => _recentReturns.Count == 0 ? double.NaN : _recentReturns.Average();

    /// <summary>The counters a round changes, for <see cref="Live"/>.</summary>
    private void PublishRound(long envSteps, long episodes)
    {
        Live.EnvironmentSteps = envSteps;
        Live.Episodes = episodes;
        Live.ReplayPositions = _replay.Steps;
        Live.RecentReturn = RecentReturn();
    }

    private void ReadRecentReturns(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > RecentEpisodes) throw new InvalidDataException($"{count} recent returns, expected at most {RecentEpisodes}");
        for (int i = 0; i < count; i++) _recentReturns.Enqueue(reader.ReadDouble());
    }

    private void WriteRecentReturns(BinaryWriter writer)
    {
        writer.Write(_recentReturns.Count);
        foreach (double r in _recentReturns) writer.Write(r);
    }

    private void Report(TrainingProgress p, LossReport loss)
    {
        // Two-player episodes sum to 1 when someone won and 0 for a draw: show the share of decisive games instead.
        string recent = Spec.IsTwoPlayer ? $"decisive games {p.RecentReturn:P0}" : $"return {p.RecentReturn:F1}";
        _logger.LogInformation(
            "update {Step}/{Total} | env steps {EnvSteps} | episodes {Episodes} | {Recent} (last {N}) | loss {Loss:F3} (value {Value:F3} reward {Reward:F3} policy {Policy:F3}) | lr {Lr:G3} | {Ups:F1} updates/s, {Sps:F0} env steps/s | busy: learner {Learner:P0}, actor {Actor:P0}",
            p.TrainingStep, p.TotalSteps, p.EnvironmentSteps, p.Episodes, recent, Math.Min(RecentEpisodes, _recentReturns.Count),
            loss.Total, loss.Value, loss.Reward, loss.Policy, loss.LearningRate, p.UpdatesPerSecond, p.EnvironmentStepsPerSecond,
            BusyFraction(_learnerBusyTicks), BusyFraction(_actorBusyTicks));
        double rootValue = _searchWindow.MeanRootValue, policyEntropy = _searchWindow.MeanPolicyEntropy;
        _searchWindow.Clear();
        var record = new Dictionary<string, object?>
        {
            ["step"] = p.TrainingStep, ["env_steps"] = p.EnvironmentSteps, ["episodes"] = p.Episodes,
            ["recent_return"] = double.IsNaN(p.RecentReturn) ? null : p.RecentReturn,
            ["loss"] = loss.Total, ["value_loss"] = loss.Value, ["reward_loss"] = loss.Reward, ["policy_loss"] = loss.Policy,
            ["learning_rate"] = loss.LearningRate, ["updates_per_second"] = p.UpdatesPerSecond,
            ["env_steps_per_second"] = p.EnvironmentStepsPerSecond, ["elapsed_seconds"] = p.Elapsed.TotalSeconds,
            ["replay_steps"] = _replay.Steps,
            ["root_value"] = double.IsNaN(rootValue) ? null : rootValue,
            ["policy_entropy"] = double.IsNaN(policyEntropy) ? null : policyEntropy,
            ["round_seconds"] = Stopwatch.GetElapsedTime(0, _roundTicks).TotalSeconds,
            ["learner_busy_seconds"] = Stopwatch.GetElapsedTime(0, _learnerBusyTicks).TotalSeconds,
            ["actor_busy_seconds"] = Stopwatch.GetElapsedTime(0, _actorBusyTicks).TotalSeconds,
        };
        _roundTicks = _learnerBusyTicks = _actorBusyTicks = 0;
        if (_reanalyzer is not null) ReportReanalysis(record);
        _metrics.Write("train", record);
        if (_tensorBoard is not { } events) return;
        long step = p.TrainingStep;
        events.Write(TensorBoardTags.TotalLoss, loss.Total, step);
        events.Write(TensorBoardTags.ValueLoss, loss.Value, step);
        events.Write(TensorBoardTags.RewardLoss, loss.Reward, step);
        events.Write(TensorBoardTags.PolicyLoss, loss.Policy, step);
        events.Write(TensorBoardTags.LearningRate, loss.LearningRate, step);
        events.Write(Spec.IsTwoPlayer ? TensorBoardTags.DecisiveGames : TensorBoardTags.RecentReturn, p.RecentReturn, step);
        events.Write(TensorBoardTags.Episodes, p.Episodes, step);
        events.Write(TensorBoardTags.EnvironmentSteps, p.EnvironmentSteps, step);
        events.Write(TensorBoardTags.RootValue, rootValue, step);
        events.Write(TensorBoardTags.PolicyEntropy, policyEntropy, step);
        events.Write(TensorBoardTags.ReplayPositions, _replay.Steps, step);
        events.Write(TensorBoardTags.UpdatesPerSecond, p.UpdatesPerSecond, step);
        events.Write(TensorBoardTags.EnvironmentStepsPerSecond, p.EnvironmentStepsPerSecond, step);
    }

    /// <summary>
    /// Where the learner's time went since the previous log: updates, waiting for its next batch, and the reanalysis
    /// searches that ran beside it (fields of the train record and one log line).
    /// </summary>
    private void ReportReanalysis(Dictionary<string, object?> record)
    {
        var reanalyzer = _reanalyzer!;
        double update = Stopwatch.GetElapsedTime(0, _updateTicks).TotalSeconds, wait = _prefetcher.WaitTime.TotalSeconds;
        double search = reanalyzer.Time.TotalSeconds, tree = reanalyzer.TreeTime.TotalSeconds, model = reanalyzer.ModelTime.TotalSeconds;
        int batches = reanalyzer.Batches;
        long rows = reanalyzer.Rows, positions = reanalyzer.Positions;
        _updateTicks = 0;
        _prefetcher.ResetTiming();
        double PerBatch(double seconds) => batches == 0 ? 0 : 1000 * seconds / batches;
        _logger.LogInformation("reanalyze: {Batches} batches, {Rows:F0} rows and {Positions:F0} positions each, {Search:F1} ms each (tree {Tree:F1}, network {Model:F1}) | updates {Update:F1} ms each, waiting for batches {Wait:F1} ms per update",
            batches, batches == 0 ? 0 : (double)rows / batches, batches == 0 ? 0 : (double)positions / batches, PerBatch(search), PerBatch(tree), PerBatch(model),
            1000 * update / _config.Training.LogInterval, 1000 * wait / _config.Training.LogInterval);
        record["reanalyzed_batches"] = batches;
        record["reanalyzed_rows"] = rows;
        record["reanalyzed_positions"] = positions;
        record["reanalyze_seconds"] = search;
        record["reanalyze_tree_seconds"] = tree;
        record["reanalyze_network_seconds"] = model;
        record["update_seconds"] = update;
        record["batch_wait_seconds"] = wait;
    }

    /// <summary>latest.ckpt with the whole run state, then step-N.ckpt (weights, optimizer, counters) beside it.</summary>
    private void SaveCheckpoints(long step, long envSteps, long episodes, double credit, double elapsed)
    {
        SaveCheckpoint(_directory.LatestCheckpointPath, step, envSteps, episodes, credit, elapsed, withRunState: true);
        SaveCheckpoint(_directory.CheckpointPath(step), step, envSteps, episodes, credit, elapsed, withRunState: false);
    }

    private void SaveCheckpoint(string path, long step, long envSteps, long episodes, double credit, double elapsed, bool withRunState)
    {
        _counters = _counters with
        {
            TrainingStep = step, EnvironmentSteps = envSteps, Episodes = episodes, ElapsedSeconds = elapsed, UpdateCredit = credit,
        };
        ulong[] rng = [.. _actorRng.GetState(), .. _samplerRng.GetState()];
        (string, Action<BinaryWriter>)[] state = withRunState
            ?
            [
                (ReplaySection, _replay.Write),
                (ActorSection, _actor.WriteState),
                (ActorCarrySection, _actor.WriteCarriedStates),
                (ActorWeightsSection, w => _actorNetwork.save(w)),
                (RecentReturnsSection, WriteRecentReturns),
                (SearchStatisticsSection, _searchWindow.Write),
                .. _targetNetwork is null ? [] : new (string, Action<BinaryWriter>)[] { (TargetWeightsSection, w => _targetNetwork.save(w)) },
            ]
            : [];
        Checkpoint.Save(path, _config, _counters, rng, _learnerNetwork, _trainer.Optimizer, state);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics.Dispose();
        _prefetcher.Dispose();
        _actor.Dispose();
        _reanalyzer?.Dispose();
        _targetNetwork?.Dispose();
        _trainer.Dispose();
        _learnerNetwork.Dispose();
        _actorNetwork.Dispose();
    }
}
