using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MuZero.Randomness;
using MuZero.Search.Policies;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Search;

/// <summary>
/// MuZero Monte Carlo tree search over B games at once, against a learned model
/// (<see cref="ISearchModel"/>). The B trees live on the host in one <see cref="SearchTree"/>; the latent
/// states of all their nodes live in one device tensor. Each simulation is one pass over the B trees that
/// backs up the previous simulation's leaf and descends to this simulation's (parallel over games from
/// <see cref="SearchConfig.ParallelThreshold"/> games on, each thread keeping its own games: <see cref="ParallelGameLoop"/>),
/// one gather of the B parent latents, one <see cref="ISearchModel.Recurrent"/> call and one copy of the B new
/// latents into their slab; per simulation one index upload (2 x B int64) goes to the device and B x (A + 2) floats come back.
/// </summary>
/// <remarks>
/// <para>When the policy is exactly MuZero's (pUCT over min-max Q at every node), the descent is one fused loop over the
/// tree's edge block (<see cref="PuctDescent"/>): no interface call or Q row per node, the same choices.</para>
/// <para>How actions are chosen is the <see cref="SearchPolicy"/> (named by <see cref="SearchConfig.Policy"/>,
/// built by <see cref="SearchPolicyRegistry"/>): at every node on a descent its <see cref="IQTransform"/> writes
/// the node's Q values into a per-thread scratch row, then its root or interior action selection picks the edge.
/// The default <c>muzero</c> policy is pUCT, argmax_a Q_norm(s, a) + P(s, a) sqrt(N(s)) / (1 + N(s, a))
/// (c1 + log((N(s) + c2 + 1) / c2)), with Q normalized per game by the tree's min-max statistics, an unvisited
/// child at <see cref="SearchConfig.UnvisitedValue"/> and Dirichlet noise at the root.</para>
/// <para>Q(s, a) = r(s, a) + d V(child) with d = discount for single-player games and d = -discount for
/// two-player zero-sum games (values are from the point of view of the player to move, rewards from the
/// point of view of the player who acted).</para>
/// <para>Legal-action masks apply at the root only (the model has no rules): illegal root actions get prior 0
/// and are never selected.</para>
/// <para>After the last simulation the policy decides, game by game: the action to play and the action weights
/// (policy target) of <see cref="SearchResult"/>; the whole tree comes back as a <see cref="SearchTreeSnapshot"/>
/// when asked for.</para>
/// <para>With <see cref="SearchConfig.PipelineGroups"/> G > 1 the games form G groups and the tree work of one group runs
/// on a worker thread while the model evaluates another group (one model call per group and simulation); every
/// node comes out as without pipelining.</para>
/// <para>Sharded (<see cref="SearchConfig.Shards"/>, on the CPU by default from 2 x <see cref="SearchConfig.ParallelThreshold"/>
/// games), the games form K groups and each group's whole simulation loop, model calls included, runs on a thread of
/// its own with its share of the searching thread's libtorch threads (one each on 2 cores); every node comes out as
/// without sharding.</para>
/// <para>Not thread-safe: one instance per searching thread. It keeps device buffers between searches of the
/// same batch size; dispose it to free them.</para>
/// </remarks>
public sealed class BatchedMcts : IDisposable
{
    private readonly SearchConfig _config;
    private readonly int _actionCount;
    private readonly int _capacity;
    private readonly double _discount;
    private readonly SearchPolicy _policy;
    private readonly IQTransform _qTransform;
    private readonly IRootActionSelection _rootSelection;
    private readonly IInteriorActionSelection _interiorSelection;
    private readonly PuctDescent? _fusedDescent;
    private readonly ParallelGameLoop.Body _simulationStep;

    // Per batch size B (reallocated when B changes).
    private int _batch;
    private SearchTree? _tree;
    private ParallelGameLoop? _loop;           // null when the batch is below the parallel threshold.
    private double[] _q = [];                  // [threads * A]: one Q row per thread of the descent.
    private float[] _rewards = [];
    private float[] _values = [];
    private float[] _priors = [];
    private int[] _leafParent = [];
    private int[] _leafAction = [];
    private long[] _hostIndex = [];            // [2, B]: gather rows, actions.
    private Tensor? _hostIndexTensor;          // CPU tensor sharing _hostIndex's memory.
    private Tensor? _deviceIndex;              // [2 * B] int64 on the model's device (the host tensor on the CPU).
    // [N * B, *latent]: the [N, B, *latent] node states, flattened, node-major: simulation i writes its B new latents
    // into one contiguous slab (a plain copy, no scatter), and the gather reads row node * B + b.
    private Tensor? _latents;
    private Tensor[] _slabs = [];              // [N] views [B, *latent]: the latents of node i of every game.
    // Games [_groupStart[g], _groupStart[g + 1]) form group g, expanded by one model call per simulation; G > 1 only
    // when the search is pipelined (SearchConfig.PipelineGroups) or sharded (SearchConfig.Shards), else one group of all B games.
    private int _groups = 1;                   // G for this batch: min(PipelineGroups, B), or the shard count.
    private bool _sharded;                     // whether the groups are shards (each searched on its own thread).
    private int _shardLibTorchThreads = 1;     // libtorch threads of each shard: the searching thread's, shared out.
    private int[] _groupStart = [];            // [G + 1]
    private Tensor[] _groupRows = [];          // [G] device index views [B_g]: gather rows, parent node * B + b.
    private Tensor[] _groupActions = [];       // [G] device index views [B_g]: the actions taken from the parents.
    private Tensor[] _hostGroupIndex = [];     // [2 G] host index views (rows, actions) of each group, for the upload.
    private Tensor[] _groupSlabs = [];         // [N * G] views [B_g, *latent]: node i of group g's games.
    private SearchWorker? _pipeline;
    private SearchWorker[] _shardWorkers = []; // [K - 1]: shards 1..K-1 (the searching thread runs shard 0).
    private ISearchModel? _shardModel;         // the model of the sharded search in progress (for the workers).

    // Per phase of the simulation loop (read by the cached step delegate).
    private int _backupNode;                   // node created by the previous simulation (0: none to back up).
    private int _simulation;                   // simulation whose descent runs (-1: none, the last backup only).

    private long _hostTicks;
    private long _idleTicks;
    private long _networkTicks;
    private long _copyTicks;
    private bool _disposed;

    /// <summary>Creates a search with the policy named by <paramref name="config"/>.Policy for games with <paramref name="actionCount"/> actions.</summary>
    /// <param name="config">Search settings; <see cref="SearchConfig.Simulations"/> fixes the tree capacity S + 1.</param>
    /// <param name="actionCount">Number of actions A of the game (and of the model).</param>
    /// <param name="twoPlayer">True for two-player zero-sum games (the value sign flips at every ply).</param>
    public BatchedMcts(SearchConfig config, int actionCount, bool twoPlayer)
        : this(config, actionCount, twoPlayer, CreatePolicy(config, actionCount))
    {
    }

    /// <summary>Creates a search that runs <paramref name="policy"/> (which then belongs to this search) instead of <paramref name="config"/>.Policy.</summary>
    /// <param name="config">Search settings; <see cref="SearchConfig.Simulations"/> fixes the tree capacity S + 1.</param>
    /// <param name="actionCount">Number of actions A of the game (and of the model).</param>
    /// <param name="twoPlayer">True for two-player zero-sum games (the value sign flips at every ply).</param>
    /// <param name="policy">The search policy.</param>
    public BatchedMcts(SearchConfig config, int actionCount, bool twoPlayer, SearchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policy);
        Validate(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        _config = config;
        _actionCount = actionCount;
        _capacity = config.Simulations + 1;
        _discount = twoPlayer ? -config.Discount : config.Discount;
        TwoPlayer = twoPlayer;
        _policy = policy;
        _qTransform = policy.QTransform ?? throw new ArgumentException("The policy has no Q transform.", nameof(policy));
        _rootSelection = policy.RootSelection ?? throw new ArgumentException("The policy has no root action selection.", nameof(policy));
        _interiorSelection = policy.InteriorSelection ?? throw new ArgumentException("The policy has no interior action selection.", nameof(policy));
        _fusedDescent = FusedDescent(policy, _capacity);
        _simulationStep = SimulationStep;
    }

    /// <summary>Search settings.</summary>
    public SearchConfig Config => _config;

    /// <summary>Number of actions A.</summary>
    public int ActionCount => _actionCount;

    /// <summary>The search policy this search runs.</summary>
    public SearchPolicy Policy => _policy;

    /// <summary>Whether values flip sign between plies (two-player zero-sum).</summary>
    public bool TwoPlayer { get; }

    /// <summary>
    /// Time spent in host tree work (root priors, descents, expansions, backups, results) since the last
    /// <see cref="ResetTiming"/>, as the searching thread's clock sees it: <see cref="IdleTime"/> included.
    /// </summary>
    public TimeSpan HostTime => Stopwatch.GetElapsedTime(0, _hostTicks);

    /// <summary>
    /// The part of <see cref="HostTime"/> the searching thread spent waiting for worker threads to finish games they
    /// had started (tree work spread over cores: the last chunk's imbalance, and a worker that lost its core).
    /// </summary>
    public TimeSpan IdleTime => Stopwatch.GetElapsedTime(0, _idleTicks);

    /// <summary>Time spent in model calls and latent copies since the last <see cref="ResetTiming"/>: <see cref="NetworkTime"/> + <see cref="CopyTime"/>.</summary>
    public TimeSpan ModelTime => Stopwatch.GetElapsedTime(0, _networkTicks + _copyTicks);

    /// <summary>
    /// Time spent in <see cref="ISearchModel.Initial"/> and <see cref="ISearchModel.Recurrent"/> (the networks and the
    /// model's read-back of their B x (A + 2) outputs). On CUDA, kernels run asynchronously: this is host time until
    /// the read-back, which waits for them.
    /// </summary>
    public TimeSpan NetworkTime => Stopwatch.GetElapsedTime(0, _networkTicks);

    /// <summary>Time spent moving latents and indices around the model calls: the index upload, the gather of parent latents and the copy of the new ones into their slab.</summary>
    public TimeSpan CopyTime => Stopwatch.GetElapsedTime(0, _copyTicks);

    /// <summary>
    /// Bytes one simulation moves between host and device on a CUDA model: the index upload (2 x B int64) and the
    /// model's read-back of B x (A + 2) floats; 0 on the CPU, where the index tensor shares the host's memory
    /// (the read-back is then a host copy of the same size). Valid after the first <see cref="Run(ISearchModel, Tensor, ReadOnlySpan{bool}, bool, ReadOnlySpan{double}, Xoshiro256, bool)"/>.
    /// </summary>
    public long TransferBytesPerSimulation { get; private set; }

    /// <summary>Sets <see cref="HostTime"/>, <see cref="IdleTime"/>, <see cref="NetworkTime"/> and <see cref="CopyTime"/> back to zero.</summary>
    public void ResetTiming()
    {
        _hostTicks = 0;
        _idleTicks = 0;
        _networkTicks = 0;
        _copyTicks = 0;
    }

    /// <summary>
    /// Runs <see cref="SearchConfig.Simulations"/> simulations for each of B games; the policy's action is
    /// taken at temperature 0 (MuZero: the most visited action, so <paramref name="rng"/> serves the noise only).
    /// </summary>
    /// <param name="model">The learned model; its action count must equal <see cref="ActionCount"/>.</param>
    /// <param name="observations">Observations [B, *obs] on <see cref="ISearchModel.Device"/>; B is taken from their first dimension.</param>
    /// <param name="legalActions">Legal root actions [B * A], row-major by game; every game needs at least one.</param>
    /// <param name="addNoise">Whether the policy adds its root exploration noise (self-play), drawn from <paramref name="rng"/>.</param>
    /// <param name="rng">Source of the root noise (used only when <paramref name="addNoise"/> is true, game by game in order).</param>
    /// <returns>Root visit counts, values and priors, and the policy's actions and action weights, per game.</returns>
    public SearchResult Run(ISearchModel model, Tensor observations, ReadOnlySpan<bool> legalActions, bool addNoise, Xoshiro256 rng) =>
        Run(model, observations, legalActions, addNoise, [], rng);

    /// <summary>
    /// Runs <see cref="SearchConfig.Simulations"/> simulations for each of B games and lets the policy decide
    /// each game's action and action weights.
    /// </summary>
    /// <param name="model">The learned model; its action count must equal <see cref="ActionCount"/>.</param>
    /// <param name="observations">Observations [B, *obs] on <see cref="ISearchModel.Device"/>; B is taken from their first dimension.</param>
    /// <param name="legalActions">Legal root actions [B * A], row-major by game; every game needs at least one.</param>
    /// <param name="addNoise">Whether the policy adds its root exploration noise (self-play), drawn from <paramref name="rng"/>.</param>
    /// <param name="temperatures">Per-game temperature [B] for policies that sample the action from the visits (MuZero); empty: 0 for every game.</param>
    /// <param name="rng">
    /// Source of the root noise (drawn game by game in order before the first simulation) and then of the
    /// action samples (game by game in order after the last one).
    /// </param>
    /// <param name="captureTree">Whether to return the whole tree (<see cref="SearchResult.Tree"/>; a copy of every node).</param>
    /// <returns>Root visit counts, values and priors, and the policy's actions and action weights, per game.</returns>
    public SearchResult Run(ISearchModel model, Tensor observations, ReadOnlySpan<bool> legalActions, bool addNoise,
        ReadOnlySpan<double> temperatures, Xoshiro256 rng, bool captureTree = false)
    {
        var result = new SearchResult(BatchOf(observations), _actionCount);
        Run(model, observations, legalActions, addNoise, temperatures, rng, result, captureTree);
        return result;
    }

    /// <summary>
    /// <see cref="Run(ISearchModel, Tensor, ReadOnlySpan{bool}, bool, ReadOnlySpan{double}, Xoshiro256, bool)"/> into a
    /// result the caller owns and reuses search after search (nothing allocated per search); every entry of it is
    /// rewritten, its <see cref="SearchResult.Tree"/> included (null unless <paramref name="captureTree"/>).
    /// </summary>
    /// <param name="model">The learned model; its action count must equal <see cref="ActionCount"/>.</param>
    /// <param name="observations">Observations [B, *obs] on <see cref="ISearchModel.Device"/>; B is taken from their first dimension.</param>
    /// <param name="legalActions">Legal root actions [B * A], row-major by game; every game needs at least one.</param>
    /// <param name="addNoise">Whether the policy adds its root exploration noise (self-play), drawn from <paramref name="rng"/>.</param>
    /// <param name="temperatures">Per-game temperature [B] for policies that sample the action from the visits (MuZero); empty: 0 for every game.</param>
    /// <param name="rng">Source of the root noise and then of the action samples, as in the other overload.</param>
    /// <param name="result">Where the search writes its result: B games of <see cref="ActionCount"/> actions.</param>
    /// <param name="captureTree">Whether to keep the whole tree in <paramref name="result"/> (a copy of every node).</param>
    public void Run(ISearchModel model, Tensor observations, ReadOnlySpan<bool> legalActions, bool addNoise,
        ReadOnlySpan<double> temperatures, Xoshiro256 rng, SearchResult result, bool captureTree = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        if (model.ActionCount != _actionCount)
            throw new ArgumentException($"The model has {model.ActionCount} actions, the search {_actionCount}.", nameof(model));
        int batch = BatchOf(observations);
        if (legalActions.Length != batch * _actionCount)
            throw new ArgumentException($"Legal actions must have B * A = {batch * _actionCount} entries, got {legalActions.Length}.", nameof(legalActions));
        if (!temperatures.IsEmpty && temperatures.Length != batch)
            throw new ArgumentException($"Temperatures must have B = {batch} entries (or none), got {temperatures.Length}.", nameof(temperatures));
        if (result.BatchSize != batch || result.ActionCount != _actionCount)
            throw new ArgumentException($"The result holds {result.BatchSize} games of {result.ActionCount} actions, the search {batch} of {_actionCount}.", nameof(result));

        using var noGrad = torch.no_grad();
        long start = Stopwatch.GetTimestamp();
        EnsureBatch(batch, model);
        SearchTree tree = _tree!;
        bool onDevice = model.Device.type != DeviceType.CPU;
        TransferBytesPerSimulation = onDevice ? 2L * batch * sizeof(long) + (long)batch * (_actionCount + 2) * sizeof(float) : 0;

        // Sharded, every libtorch call of the search runs on the shard's share of the threads, the root's included: a
        // larger team left from it would spin (libgomp spins after each operation) on the cores the shards need.
        int libTorchThreads = _sharded ? torch.get_num_threads() : 0;
        if (_sharded) torch.set_num_threads(_shardLibTorchThreads);
        try
        {
            // Root: h + f for all games, latents into node 0 of every game.
            using (Tensor rootLatents = model.Initial(observations, _values, _priors)) // [B, *latent]
            {
                long afterInitial = Stopwatch.GetTimestamp();
                _networkTicks += afterInitial - start;
                if (rootLatents.dim() < 1 || rootLatents.shape[0] != batch)
                    throw new InvalidOperationException($"ISearchModel.Initial returned latents of shape [{string.Join(", ", rootLatents.shape)}] for {batch} observations.");
                EnsureLatents(rootLatents);
                _slabs[0].copy_(rootLatents);
                _copyTicks += Stopwatch.GetTimestamp() - afterInitial;
            }
            long afterRoot = Stopwatch.GetTimestamp();

            for (int b = 0; b < batch; b++)
            {
                Span<float> prior = _priors.AsSpan(b * _actionCount, _actionCount);
                ReadOnlySpan<bool> legal = legalActions.Slice(b * _actionCount, _actionCount);
                if (!MaskPrior(prior, legal))
                    throw new ArgumentException($"Game {b} has no legal action.", nameof(legalActions));
                tree.InitializeRoot(b, _values[b], prior, legal);
                _rootSelection.Begin(tree, b, addNoise, rng);
                tree.RefreshEdgePriors(b, 0);
                tree.Prior.AsSpan(tree.EdgeIndex(b, 0), _actionCount).CopyTo(result.RootPriors.AsSpan(b * _actionCount, _actionCount));
            }
            long hostEnd = Stopwatch.GetTimestamp();
            _hostTicks += hostEnd - afterRoot;

            _loop?.ResetIdle();
            if (_sharded) RunSharded(model);
            else if (_groups > 1) RunPipelined(model);
            else RunGroup(model, 0, ref _hostTicks, ref _networkTicks, ref _copyTicks);
            if (_loop is not null) _idleTicks += _loop.IdleTicks;
        }
        finally
        {
            if (_sharded) torch.set_num_threads(libTorchThreads);
        }

        long resultStart = Stopwatch.GetTimestamp();
        Span<double> q = _q.AsSpan(0, _actionCount);
        for (int b = 0; b < batch; b++)
        {
            int root = tree.NodeIndex(b, 0);
            result.RootValues[b] = (float)tree.MeanValue(root);
            int edge = tree.EdgeIndex(b, 0);
            Span<int> visits = result.VisitCounts.AsSpan(b * _actionCount, _actionCount);
            for (int a = 0; a < _actionCount; a++)
            {
                int child = tree.Children[edge + a];
                visits[a] = child == SearchTree.NoChild ? 0 : tree.VisitCount[tree.NodeIndex(b, child)];
            }
        }
        for (int b = 0; b < batch; b++)
        {
            _qTransform.Apply(tree, b, 0, q);
            double temperature = temperatures.IsEmpty ? 0 : temperatures[b];
            result.Actions[b] = _rootSelection.Decide(tree, b, result.Visits(b), q, temperature, rng,
                result.ActionWeights.AsSpan(b * _actionCount, _actionCount));
        }
        result.Tree = captureTree ? new SearchTreeSnapshot(tree) : null;
        _hostTicks += Stopwatch.GetTimestamp() - resultStart;
    }

    /// <summary>B, the first dimension of <paramref name="observations"/> [B, *obs].</summary>
    private static int BatchOf(Tensor observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.dim() < 1 || observations.shape[0] < 1)
            throw new ArgumentException("Observations must have a non-empty batch dimension [B, *obs].", nameof(observations));
        return checked((int)observations.shape[0]);
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DisposeDeviceBuffers();
        DisposeLatents();
        _loop?.Dispose();
        _loop = null;
        _pipeline?.Dispose();
        _pipeline = null;
        foreach (SearchWorker worker in _shardWorkers) worker.Dispose();
        _shardWorkers = [];
    }

    /// <summary>
    /// Zeroes the priors of illegal actions and renormalizes over the legal ones; when the legal actions
    /// carry no usable mass (sum not positive or not finite), the prior becomes uniform over them.
    /// Returns false when no action is legal.
    /// </summary>
    internal static bool MaskPrior(Span<float> prior, ReadOnlySpan<bool> legal)
    {
        double sum = 0;
        int legalCount = 0;
        for (int a = 0; a < prior.Length; a++)
        {
            if (legal[a])
            {
                legalCount++;
                sum += prior[a];
            }
            else
            {
                prior[a] = 0f;
            }
        }
        if (legalCount == 0) return false;
        if (sum > 1e-12 && double.IsFinite(sum))
        {
            for (int a = 0; a < prior.Length; a++)
                if (legal[a]) prior[a] = (float)(prior[a] / sum);
        }
        else
        {
            float uniform = 1f / legalCount;
            for (int a = 0; a < prior.Length; a++)
                if (legal[a]) prior[a] = uniform;
        }
        return true;
    }

    /// <summary>
    /// One pass of the simulation loop over games [<paramref name="start"/>, <paramref name="end"/>): expand and back up the
    /// previous simulation's leaf (when there is one), then descend for this simulation (when there is one) and write
    /// the game's gather row and action.
    /// </summary>
    private void SimulationStep(int thread, int start, int end) => SimulationStep(thread, start, end, _backupNode, _simulation);

    /// <summary>The pass of <see cref="SimulationStep(int, int, int)"/> with its phase given.</summary>
    private void SimulationStep(int thread, int start, int end, int backupNode, int simulation)
    {
        int batch = _batch;
        long[] index = _hostIndex;
        Span<double> q = _q.AsSpan(thread * _actionCount, _actionCount);
        for (int b = start; b < end; b++)
        {
            if (backupNode > 0) ExpandAndBackup(b, backupNode);
            if (simulation < 0) continue;
            if (_fusedDescent is PuctDescent fused)
            {
                _leafParent[b] = fused.Descend(_tree!, b, out _leafAction[b]);
            }
            else
            {
                Descend(b, simulation, q);
            }
            index[b] = (long)_leafParent[b] * batch + b;
            index[batch + b] = _leafAction[b];
        }
    }

    /// <summary>
    /// The sharded simulation loop: shard k's whole loop (<see cref="RunGroup"/>) on worker k - 1, shard 0's on this
    /// thread, every model call with the shard's share of libtorch threads (this thread's count is set to it for the
    /// search). Shards share nothing but the latent store, whose rows they read and write are their own games'. The
    /// timings counted are shard 0's, and this thread's wait for the others as idle host time.
    /// </summary>
    private void RunSharded(ISearchModel model)
    {
        _shardModel = model;
        ExceptionDispatchInfo? failure = null;
        int started = 0;
        try
        {
            for (; started < _shardWorkers.Length; started++) _shardWorkers[started].Start(started + 1, 0, 0);
            RunGroup(model, 0, ref _hostTicks, ref _networkTicks, ref _copyTicks);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        // The workers use the search's buffers: wait for every one, whatever happened here.
        long waitStart = Stopwatch.GetTimestamp();
        for (int w = 0; w < started; w++)
        {
            try
            {
                _shardWorkers[w].Wait();
            }
            catch (Exception e)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
        long waited = Stopwatch.GetTimestamp() - waitStart;
        _hostTicks += waited;
        _idleTicks += waited;
        _shardModel = null;
        failure?.Throw();
    }

    /// <summary>
    /// The simulation loop of group <paramref name="group"/> (all B games unless the search is sharded): simulation i is
    /// one pass over the group's games that backs up simulation i - 1's new node and descends for simulation i (a game's
    /// tree is still in cache from its backup), then one model call that expands the group's leaves. The pass runs over
    /// the threads of <see cref="ParallelGameLoop"/> when there is one (unsharded, from ParallelThreshold games on).
    /// </summary>
    private void RunGroup(ISearchModel model, int group, ref long hostTicks, ref long networkTicks, ref long copyTicks)
    {
        int start = _groupStart[group], end = _groupStart[group + 1], simulations = _config.Simulations;
        for (int simulation = 0; simulation <= simulations; simulation++)
        {
            int descent = simulation < simulations ? simulation : -1; // the last pass only backs up
            long t0 = Stopwatch.GetTimestamp();
            if (_loop is null)
            {
                SimulationStep(group, start, end, backupNode: simulation, descent);
            }
            else
            {
                (_backupNode, _simulation) = (simulation, descent);
                _loop.Run(_simulationStep);
            }
            hostTicks += Stopwatch.GetTimestamp() - t0;
            if (descent < 0) break;
            ExpandGroup(model, group, simulation, ref networkTicks, ref copyTicks);
        }
    }

    /// <summary>A worker's shard: its timings are not counted (shard 0's stand for all).</summary>
    private void RunWorkerShard(int shard, int unusedBackupNode, int unusedSimulation)
    {
        if (torch.get_num_threads() != _shardLibTorchThreads) torch.set_num_threads(_shardLibTorchThreads);
        long host = 0, network = 0, copy = 0;
        RunGroup(_shardModel!, shard, ref host, ref network, ref copy);
    }

    /// <summary>
    /// The simulation loop in <see cref="_groups"/> groups, pipelined: host pass k (group k mod G of simulation k / G:
    /// the backup of that group's previous leaves and its descent) runs on the pipeline worker while this thread
    /// calls the model for pass k - 1's group. Pass k + 1 needs the model's output for pass k + 1 - G, which is done
    /// by then (G >= 2), and touches only its own group's games, rows and index entries, so each game goes through
    /// exactly the steps of the unpipelined loop. The host time counted is this thread's wait for the worker: the tree
    /// work left on the critical path.
    /// </summary>
    private void RunPipelined(ISearchModel model)
    {
        int groups = _groups, simulations = _config.Simulations;
        int passes = (simulations + 1) * groups; // the last G passes only back up
        SearchWorker worker = _pipeline!;
        try
        {
            worker.Start(0, backupNode: 0, simulation: 0);
            for (int k = 0; k < simulations * groups; k++)
            {
                long waitStart = Stopwatch.GetTimestamp();
                worker.Wait();
                _hostTicks += Stopwatch.GetTimestamp() - waitStart;
                int next = k + 1, nextSimulation = next / groups;
                worker.Start(next % groups, backupNode: nextSimulation, simulation: nextSimulation < simulations ? nextSimulation : -1);
                ExpandGroup(model, k % groups, k / groups, ref _networkTicks, ref _copyTicks);
            }
            long lastStart = Stopwatch.GetTimestamp();
            worker.Wait();
            for (int k = simulations * groups + 1; k < passes; k++) PipelinePass(k % groups, simulations, -1);
            _hostTicks += Stopwatch.GetTimestamp() - lastStart;
        }
        catch
        {
            worker.Drain();
            throw;
        }
    }

    /// <summary>One group's host pass (on the pipeline worker, or on this thread for the final backups).</summary>
    private void PipelinePass(int group, int backupNode, int simulation) =>
        SimulationStep(0, _groupStart[group], _groupStart[group + 1], backupNode, simulation);

    /// <summary>
    /// Gathers group <paramref name="group"/>'s parent latents, calls the model on them and stores the new latents as node
    /// <paramref name="simulation"/> + 1; adds the time of the call and of the copies to the given counters.
    /// </summary>
    private void ExpandGroup(ISearchModel model, int group, int simulation, ref long networkTicks, ref long copyTicks)
    {
        int start = _groupStart[group], count = _groupStart[group + 1] - start, a = _actionCount;
        long t0 = Stopwatch.GetTimestamp();
        if (_groups == 1)
        {
            UploadIndex(); // one copy of the whole [2 * B] index
        }
        else if (_deviceIndex!.device_type != DeviceType.CPU)
        {
            _groupRows[group].copy_(_hostGroupIndex[2 * group]);
            _groupActions[group].copy_(_hostGroupIndex[2 * group + 1]);
        }
        using Tensor parents = _latents!.index_select(0, _groupRows[group]); // [B_g, *latent]
        long t1 = Stopwatch.GetTimestamp();
        using Tensor children = model.Recurrent(parents, _groupActions[group], _rewards.AsSpan(start, count), _values.AsSpan(start, count),
            _priors.AsSpan(start * a, count * a)); // [B_g, *latent]
        long t2 = Stopwatch.GetTimestamp();
        _groupSlabs[(simulation + 1) * _groups + group].copy_(children);
        long t3 = Stopwatch.GetTimestamp();
        networkTicks += t2 - t1;
        copyTicks += (t1 - t0) + (t3 - t2);
    }

    /// <summary>Walks down game <paramref name="game"/>'s tree to the first unexpanded edge through the policy's interfaces; records its parent node and action.</summary>
    private void Descend(int game, int simulation, Span<double> q)
    {
        SearchTree tree = _tree!;
        int node = 0;
        _qTransform.Apply(tree, game, node, q);
        int action = _rootSelection.Select(tree, game, simulation, q);
        for (int depth = 1; ; depth++)
        {
            int child = tree.Children[tree.EdgeIndex(game, node) + action];
            if (child == SearchTree.NoChild)
            {
                _leafParent[game] = node;
                _leafAction[game] = action;
                return;
            }
            node = child;
            _qTransform.Apply(tree, game, node, q);
            action = _interiorSelection.Select(tree, game, node, depth, q);
        }
    }

    /// <summary>MuZero's fused descent when a search runs exactly its three components (same pUCT constants at the root and below), else null.</summary>
    private static PuctDescent? FusedDescent(SearchPolicy policy, int capacity) =>
        policy is { RootSelection: PuctRootActionSelection root, InteriorSelection: PuctInteriorActionSelection interior, QTransform: MinMaxQTransform q }
        && root.PbCInit.Equals(interior.PbCInit) && root.PbCBase.Equals(interior.PbCBase)
            ? new PuctDescent(root.PbCInit, root.PbCBase, q.UnvisitedValue, capacity)
            : null;

    /// <summary>Adds the model's output for game <paramref name="game"/> as the new node and backs its value up to the root.</summary>
    private void ExpandAndBackup(int game, int newNode)
    {
        SearchTree tree = _tree!;
        tree.AddChild(game, _leafParent[game], _leafAction[game], newNode, _rewards[game], _values[game], _priors.AsSpan(game * _actionCount, _actionCount));
        tree.Backup(game, newNode, _values[game]);
    }

    /// <summary>Host and index buffers for <paramref name="batch"/> games (kept while B, the device and the groups stay the same).</summary>
    private void EnsureBatch(int batch, ISearchModel model)
    {
        Device device = model.Device;
        int shards = ShardCount(model, batch, out _shardLibTorchThreads);
        int groups = shards > 1 ? shards : Math.Min(_config.PipelineGroups, batch);
        if (_batch == batch && _groups == groups && _deviceIndex is not null && SameDevice(_deviceIndex, device)) return;
        DisposeDeviceBuffers();
        DisposeLatents(); // its per-group views follow the groups

        _batch = batch;
        _groups = groups;
        _sharded = shards > 1;
        // Pipelined, the host work is the pipeline worker's, one group at a time; the other core runs the model.
        int threads = _groups == 1 && batch >= _config.ParallelThreshold ? Math.Min(Environment.ProcessorCount, batch) : 1;
        if (_loop is null || _loop.Games != batch || _loop.ThreadCount != threads)
        {
            _loop?.Dispose();
            _loop = threads > 1 ? new ParallelGameLoop(threads, batch) : null;
        }
        _tree = new SearchTree(batch, _capacity, _actionCount, _discount);
        _q = new double[Math.Max(threads, _groups) * _actionCount]; // a row per thread of the pass, or per shard
        _rewards = new float[batch];
        _values = new float[batch];
        _priors = new float[batch * _actionCount];
        _leafParent = new int[batch];
        _leafAction = new int[batch];
        _hostIndex = new long[2 * batch];
        _hostIndexTensor = torch.from_array(_hostIndex).DetachFromDisposeScope(); // [2 * B] int64, CPU, shares memory
        _deviceIndex = device.type == DeviceType.CPU
            ? _hostIndexTensor.alias().DetachFromDisposeScope()
            : torch.empty(2L * batch, ScalarType.Int64, device).DetachFromDisposeScope();
        if (_groups > 1 && !_sharded) _pipeline ??= new SearchWorker(PipelinePass, "search pipeline");
        if (_sharded && _shardWorkers.Length != _groups - 1)
        {
            foreach (SearchWorker worker in _shardWorkers) worker.Dispose();
            _shardWorkers = new SearchWorker[_groups - 1];
            for (int w = 0; w < _shardWorkers.Length; w++)
                _shardWorkers[w] = new SearchWorker(RunWorkerShard, $"search shard {w + 1}");
        }
        _groupStart = new int[_groups + 1];
        for (int g = 0; g <= _groups; g++) _groupStart[g] = (int)((long)g * batch / _groups);
        _groupRows = new Tensor[_groups];
        _groupActions = new Tensor[_groups];
        _hostGroupIndex = new Tensor[2 * _groups];
        for (int g = 0; g < _groups; g++)
        {
            int start = _groupStart[g], count = _groupStart[g + 1] - start;
            _groupRows[g] = _deviceIndex.narrow(0, start, count).DetachFromDisposeScope();               // [B_g]
            _groupActions[g] = _deviceIndex.narrow(0, batch + start, count).DetachFromDisposeScope();    // [B_g]
            _hostGroupIndex[2 * g] = _hostIndexTensor.narrow(0, start, count).DetachFromDisposeScope();
            _hostGroupIndex[2 * g + 1] = _hostIndexTensor.narrow(0, batch + start, count).DetachFromDisposeScope();
        }
    }

    /// <summary>Latent storage [N * B, *latent] (and its per-node slabs) matching the root latents' shape, type and device (kept when they match).</summary>
    private void EnsureLatents(Tensor rootLatents)
    {
        long rows = (long)_batch * _capacity;
        if (_latents is not null
            && _latents.shape[0] == rows
            && _latents.dtype == rootLatents.dtype
            && SameDevice(_latents, rootLatents.device)
            && _latents.shape.AsSpan(1).SequenceEqual(rootLatents.shape.AsSpan(1)))
        {
            return;
        }
        DisposeLatents();
        long[] shape = rootLatents.shape;
        shape[0] = rows;
        _latents = torch.empty(shape, rootLatents.dtype, rootLatents.device).DetachFromDisposeScope(); // [N * B, *latent]
        _slabs = new Tensor[_capacity];
        for (int node = 0; node < _capacity; node++)
            _slabs[node] = _latents.narrow(0, (long)node * _batch, _batch).DetachFromDisposeScope(); // [B, *latent]
        _groupSlabs = new Tensor[_capacity * _groups];
        for (int i = 0; i < _groupSlabs.Length; i++)
        {
            int node = i / _groups, group = i % _groups, start = _groupStart[group];
            _groupSlabs[i] = _slabs[node].narrow(0, start, _groupStart[group + 1] - start).DetachFromDisposeScope(); // [B_g, *latent]
        }
    }

    /// <summary>
    /// Shards for <paramref name="batch"/> games: <see cref="SearchConfig.Shards"/> (0: this thread's libtorch threads),
    /// at most one per <see cref="SearchConfig.ParallelThreshold"/> games; 1 (none) when pipelined or when the model is
    /// not on the CPU or does not allow concurrent calls. Each shard gets an equal share of this thread's libtorch
    /// threads (<paramref name="libTorchThreadsPerShard"/>, at least one): on 2 cores one each; with 16 threads and
    /// 4 shards (256 games) four each.
    /// </summary>
    private int ShardCount(ISearchModel model, int batch, out int libTorchThreadsPerShard)
    {
        libTorchThreadsPerShard = 1;
        if (_config.PipelineGroups > 1 || _config.Shards == 1 || !model.AllowsConcurrentCalls || model.Device.type != DeviceType.CPU) return 1;
        int threads = torch.get_num_threads();
        int wanted = _config.Shards > 0 ? _config.Shards : threads;
        int shards = Math.Max(1, Math.Min(wanted, batch / _config.ParallelThreshold));
        libTorchThreadsPerShard = Math.Max(1, threads / shards);
        return shards;
    }

    /// <summary>Copies the host index rows to the device (nothing to do on the CPU, where they share memory).</summary>
    private void UploadIndex()
    {
        if (_deviceIndex!.device_type != DeviceType.CPU) _deviceIndex.copy_(_hostIndexTensor!);
    }

    private static bool SameDevice(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == DeviceType.CPU || tensor.device_index == Math.Max(device.index, 0));

    private void DisposeDeviceBuffers()
    {
        foreach (Tensor view in _groupRows) view.Dispose();
        foreach (Tensor view in _groupActions) view.Dispose();
        foreach (Tensor view in _hostGroupIndex) view.Dispose();
        _groupRows = _groupActions = _hostGroupIndex = [];
        _deviceIndex?.Dispose();
        _hostIndexTensor?.Dispose();
        _deviceIndex = _hostIndexTensor = null;
    }

    private void DisposeLatents()
    {
        foreach (Tensor slab in _groupSlabs) slab.Dispose();
        _groupSlabs = [];
        foreach (Tensor slab in _slabs) slab.Dispose();
        _slabs = [];
        _latents?.Dispose();
        _latents = null;
    }

    private static SearchPolicy CreatePolicy(SearchConfig config, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        return SearchPolicyRegistry.Create(config, actionCount);
    }

    private static void Validate(SearchConfig config)
    {
        if (config.Simulations < 1)
            throw new ArgumentOutOfRangeException(nameof(config), $"Simulations must be at least 1, got {config.Simulations}.");
        if (!double.IsFinite(config.Discount) || config.Discount < 0)
            throw new ArgumentOutOfRangeException(nameof(config), $"Discount must be finite and non-negative, got {config.Discount}.");
        if (!(config.PbCBase > 0) || !double.IsFinite(config.PbCBase))
            throw new ArgumentOutOfRangeException(nameof(config), $"PbCBase must be positive, got {config.PbCBase}.");
        if (!double.IsFinite(config.PbCInit))
            throw new ArgumentOutOfRangeException(nameof(config), $"PbCInit must be finite, got {config.PbCInit}.");
        if (!(config.DirichletAlpha > 0))
            throw new ArgumentOutOfRangeException(nameof(config), $"DirichletAlpha must be positive, got {config.DirichletAlpha}.");
        if (!(config.ExplorationFraction >= 0 && config.ExplorationFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(config), $"ExplorationFraction must be in [0, 1], got {config.ExplorationFraction}.");
        if (config.PipelineGroups < 1)
            throw new ArgumentOutOfRangeException(nameof(config), $"PipelineGroups must be at least 1, got {config.PipelineGroups}.");
        if (config.Shards < 0)
            throw new ArgumentOutOfRangeException(nameof(config), $"Shards must be 0 (automatic) or more, got {config.Shards}.");
        if (config.PipelineGroups > 1 && config.Shards > 1)
            throw new ArgumentException($"A search is pipelined or sharded: PipelineGroups {config.PipelineGroups} and Shards {config.Shards}.", nameof(config));
        if (config.ParallelThreshold < 1)
            throw new ArgumentOutOfRangeException(nameof(config), $"ParallelThreshold must be at least 1, got {config.ParallelThreshold}.");
    }
}
