using System.Diagnostics;
using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Observations;
using MuZero.Training.Replay;
using static TorchSharp.torch;

namespace MuZero.Training.Reanalysis;

/// <summary>
/// The reanalyze step (MuZero Reanalyze): a new batched search, with a target model, of the positions that the rows of a
/// sampled batch chosen by <see cref="ReanalyzeConfig.Covers"/> take their targets from; their stored search statistics
/// are replaced by the new search's and the batch's targets written again, so those policy targets and the bootstrap
/// values of those n-step value targets are fresh.
/// </summary>
/// <remarks>
/// <para>The positions of a batch row at step t of a game of length T, unrolled K steps with n-step targets: every
/// t + k &lt; T (k = 0..K), whose policy target the row trains on; every t + k + n &lt; T, whose root value z_{t+k}
/// bootstraps from; and, for a truncated game whose targets reach the cut, T - 1 (the value beyond the cut is estimated
/// from it). Each position is searched once per batch, however many rows use it, in order of first use.</para>
/// <para>The search runs the config's search policy without root noise (noise serves exploration while acting; a
/// target should be the policy's best estimate) and takes the policy's action weights and root value: the visit
/// distribution for MuZero, softmax(logits + sigma(completed Q)) for Gumbel MuZero. Only search statistics change;
/// observations, actions, rewards and masks of a game never do.</para>
/// <para>Not thread-safe: one instance per thread. The replay buffer must not change during <see cref="Reanalyze"/>.</para>
/// </remarks>
public sealed class Reanalyzer : IDisposable
{
    private readonly ISearchModel _model;
    private readonly ReanalyzeConfig _config;
    private readonly BatchedMcts _search;
    private readonly EnvironmentSpec _spec;
    private readonly ObservationLayout _layout;
    private readonly Xoshiro256 _rng = new(0); // unused: no noise, and the action is taken at temperature 0
    private readonly HashSet<(GameHistory Game, int Step)> _seen = [];
    private readonly List<(GameHistory Game, int Step)> _positions = [];
    private float[] _observations = [];
    private bool[] _legal = [];
    private SearchResult? _result;              // the last search's, reused while the position count stays the same

    /// <summary>Creates the step for games of <paramref name="spec"/>, searching with <paramref name="targetModel"/>.</summary>
    /// <param name="targetModel">The target network as the search sees it; it must not change during <see cref="Reanalyze"/>.</param>
    /// <param name="config">Which rows are reanalyzed, and the simulations.</param>
    /// <param name="search">Search settings (policy, simulations unless <paramref name="config"/> sets them, discount); the root noise is never added.</param>
    /// <param name="spec">The game.</param>
    /// <param name="layout">How a position becomes the network's input (history stacking); null: the observation itself.</param>
    public Reanalyzer(ISearchModel targetModel, ReanalyzeConfig config, SearchConfig search, EnvironmentSpec spec, ObservationLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(targetModel);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(spec);
        _model = targetModel;
        _config = config;
        _spec = spec;
        _layout = layout ?? new ObservationLayout(spec, new ObservationConfig());
        // The tree work stays on the calling thread: reanalysis gets one core beside the learner and the actor, and
        // fanning each simulation's descents out over the thread pool made its tree work several times slower on 2 cores.
        var reanalysis = search with { Simulations = config.Simulations ?? search.Simulations, ParallelThreshold = int.MaxValue };
        _search = new BatchedMcts(reanalysis, spec.ActionCount, spec.IsTwoPlayer);
    }

    /// <summary>Batches with reanalyzed rows since the last <see cref="ResetTiming"/>.</summary>
    public int Batches { get; private set; }

    /// <summary>Batch rows reanalyzed since the last <see cref="ResetTiming"/>.</summary>
    public long Rows { get; private set; }

    /// <summary>Positions searched since the last <see cref="ResetTiming"/>.</summary>
    public long Positions { get; private set; }

    /// <summary>Wall-clock time of <see cref="Reanalyze"/> since the last <see cref="ResetTiming"/> (search, write-back and targets).</summary>
    public TimeSpan Time { get; private set; }

    /// <summary>Of <see cref="Time"/>, the search's host tree work (descents, backups, decisions) since the last <see cref="ResetTiming"/>.</summary>
    public TimeSpan TreeTime => _search.HostTime;

    /// <summary>Of <see cref="Time"/>, the search's model calls (the target network) since the last <see cref="ResetTiming"/>.</summary>
    public TimeSpan ModelTime => _search.ModelTime;

    /// <summary>The positions of the last <see cref="Reanalyze"/>, in the order searched (game, step).</summary>
    public IReadOnlyList<(GameHistory Game, int Step)> LastPositions => _positions;

    /// <summary>Sets the counters and times back to zero.</summary>
    public void ResetTiming()
    {
        _search.ResetTiming();
        Batches = 0;
        Rows = 0;
        Positions = 0;
        Time = TimeSpan.Zero;
    }

    /// <summary>
    /// Searches the positions that the chosen rows of <paramref name="batch"/> (sampled from <paramref name="replay"/> for
    /// update <paramref name="batchIndex"/>, 0-based) take their targets from, replaces their stored search statistics
    /// and rewrites the batch's targets; returns the number of positions searched (0: no row chosen, nothing changed).
    /// </summary>
    public int Reanalyze(ReplayBuffer replay, TrainingBatch batch, long batchIndex)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.ObservationSize != _layout.InputSize || batch.ActionCount != _spec.ActionCount)
            throw new ArgumentException($"a batch of {batch.ObservationSize} input floats and {batch.ActionCount} actions, the network takes {_layout.InputSize} and the game has {_spec.ActionCount}", nameof(batch));
        long start = Stopwatch.GetTimestamp();
        int rows = Collect(replay, batch, batchIndex);
        int count = _positions.Count;
        if (count == 0) return 0;
        int o = _layout.InputSize, a = _spec.ActionCount;
        if (_observations.Length < count * o) _observations = new float[count * o];
        if (_legal.Length < count * a) _legal = new bool[count * a];
        for (int p = 0; p < count; p++)
        {
            var (game, step) = _positions[p];
            _layout.Write(game, step, _observations.AsSpan(p * o, o));
            game.LegalActions(step).CopyTo(_legal.AsSpan(p * a, a));
        }

        // One result per position count, rewritten by every search of that many positions.
        if (_result is null || _result.BatchSize != count) _result = new SearchResult(count, a);
        SearchResult result = _result;
        using (var scope = NewDisposeScope())
        {
            long[] shape = [_observations.Length / o, .. _layout.InputShape.Select(d => (long)d)];
            var observations = tensor(_observations, shape).narrow(0, 0, count).to(_model.Device); // [P, *input]
            _search.Run(_model, observations, _legal.AsSpan(0, count * a), addNoise: false, [], _rng, result);
        }
        for (int p = 0; p < count; p++)
        {
            var (game, step) = _positions[p];
            game.ReplaceSearchStatistics(step, result.RootValues[p], result.Weights(p));
        }
        replay.RewriteTargets(batch);

        Batches++;
        Rows += rows;
        Positions += count;
        Time += Stopwatch.GetElapsedTime(start);
        return count;
    }

    /// <summary>The distinct positions the targets of the chosen rows of <paramref name="batch"/> read, in order of first use; returns the number of rows.</summary>
    private int Collect(ReplayBuffer replay, TrainingBatch batch, long batchIndex)
    {
        _seen.Clear();
        _positions.Clear();
        int k = batch.UnrollSteps, n = replay.TdSteps, rows = 0;
        for (int row = 0; row < batch.Size; row++)
        {
            if (!_config.Covers(batchIndex * batch.Size + row)) continue;
            rows++;
            var (game, t) = replay.PositionAt(batch.Slots[row]);
            int length = game.Length;
            for (int step = 0; step <= k && t + step < length; step++)
            {
                int i = t + step;
                Add(game, i);
                if (i + n < length) Add(game, i + n);
                else if (game.Truncated) Add(game, length - 1);
            }
        }
        return rows;
    }

    private void Add(GameHistory game, int step)
    {
        if (_seen.Add((game, step))) _positions.Add((game, step));
    }

    /// <inheritdoc />
    public void Dispose() => _search.Dispose();
}
