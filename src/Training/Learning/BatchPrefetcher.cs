using System.Diagnostics;
using MuZero.Randomness;
using MuZero.Training.Reanalysis;
using MuZero.Training.Replay;
using MuZero.Training.Runs;

namespace MuZero.Training.Learning;

/// <summary>
/// Prepares the learner's next batch (prioritized sampling, reanalysis of the rows its schedule covers, board symmetries
/// when augmentation is on, and two-hot encoding) on a worker thread while the current batch trains. Without
/// reanalysis the worker does managed work only (a thread-pool task), and the tensors (with the pinned, non-blocking
/// host-to-device copy on CUDA) are made on the learner's thread in <see cref="Take"/>. With reanalysis every batch is prepared on <see cref="Worker"/>, a dedicated
/// thread with its own libtorch thread (the search runs the target network there), even the ones the learner waits for.
/// Two <see cref="TrainingBatch"/> buffers alternate. The replay buffer must not change while a batch is being
/// prepared: call <see cref="WaitForPending"/> before updating priorities or adding games. A prefetched batch was
/// sampled before the previous update's priority refresh (one update of staleness).
/// </summary>
public sealed class BatchPrefetcher : IDisposable
{
    private enum State { Idle, PendingTask, PendingWorker, Ready }

    private readonly ReplayBuffer _replay;
    private readonly UnrollTrainer _trainer;
    private readonly Xoshiro256 _rng;
    private readonly TrainingBatch[] _batches;
    private readonly Reanalyzer? _reanalyzer;
    private readonly SymmetryAugmentation? _augmentation;
    private int _next;
    private Task? _pending;
    private State _state;
    private long _waitTicks;

    /// <summary>Creates a prefetcher sampling <paramref name="replay"/> for <paramref name="trainer"/>.</summary>
    /// <param name="replay">The replay buffer.</param>
    /// <param name="trainer">The learner (its supports encode the targets).</param>
    /// <param name="rng">The sampling stream.</param>
    /// <param name="allocate">Makes one batch buffer (called twice).</param>
    /// <param name="reanalyzer">The reanalyze step, or null for none (the caller keeps it and disposes it).</param>
    /// <param name="augmentation">Maps each sampled row through a random board symmetry after reanalysis; null for none.</param>
    public BatchPrefetcher(ReplayBuffer replay, UnrollTrainer trainer, Xoshiro256 rng, Func<TrainingBatch> allocate, Reanalyzer? reanalyzer = null,
                           SymmetryAugmentation? augmentation = null)
    {
        _replay = replay;
        _trainer = trainer;
        _rng = rng;
        _batches = [allocate(), allocate()];
        _reanalyzer = reanalyzer;
        _augmentation = augmentation;
    }

    /// <summary>
    /// The 0-based index (the update it is for) of the batch the next preparation makes; the reanalyzer chooses rows by it. Set it
    /// to the update count when a run resumes.
    /// </summary>
    public long NextBatchIndex { get; set; }

    /// <summary>
    /// The thread that prepares batches when reanalysis is on (one libtorch thread of its own); null: they are prepared
    /// on the caller's thread. Change it only while nothing is pending.
    /// </summary>
    public DedicatedThread? Worker { get; set; }

    /// <summary>The reanalyze step (its counters say how many batches and positions it searched, and how long it took).</summary>
    public Reanalyzer? Reanalyzer => _reanalyzer;

    /// <summary>
    /// How long the learner blocked in <see cref="Take"/> and <see cref="WaitForPending"/> (waiting for a prefetched batch
    /// or preparing one) since the last <see cref="ResetTiming"/>.
    /// </summary>
    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, _waitTicks);

    /// <summary>Sets <see cref="WaitTime"/> and the reanalyzer's counters back to zero.</summary>
    public void ResetTiming()
    {
        _waitTicks = 0;
        _reanalyzer?.ResetTiming();
    }

    /// <summary>The next batch: the prefetched one if any, else prepared now. The caller disposes the tensors.</summary>
    public (TrainingBatch Batch, BatchTensors Tensors) Take()
    {
        long start = Stopwatch.GetTimestamp();
        var batch = _batches[_next];
        switch (_state)
        {
            case State.Idle:
                long index = NextBatchIndex++;
                if (_reanalyzer is not null && Worker is { } worker)
                {
                    worker.Start(() => Prepare(batch, index));
                    worker.Wait();
                }
                else
                {
                    Prepare(batch, index);
                }
                break;
            case State.PendingTask:
                _pending!.GetAwaiter().GetResult();
                break;
            case State.PendingWorker:
                Worker!.Wait();
                break;
        }
        _pending = null;
        _state = State.Idle;
        _next ^= 1;
        _waitTicks += Stopwatch.GetTimestamp() - start;
        return (batch, _trainer.ToTensors(batch));
    }

    /// <summary>Starts preparing the batch that the next <see cref="Take"/> returns.</summary>
    public void StartNext()
    {
        if (_state != State.Idle) throw new InvalidOperationException("a batch is already being prepared");
        var batch = _batches[_next];
        long index = NextBatchIndex++;
        if (_reanalyzer is not null && Worker is { } worker)
        {
            worker.Start(() => Prepare(batch, index));
            _state = State.PendingWorker;
        }
        else
        {
            _pending = Task.Run(() => Prepare(batch, index));
            _state = State.PendingTask;
        }
    }

    /// <summary>Blocks until a batch being prepared is ready (it stays queued for <see cref="Take"/>).</summary>
    public void WaitForPending()
    {
        long start = Stopwatch.GetTimestamp();
        switch (_state)
        {
            case State.PendingTask:
                _pending!.Wait();
                break;
            case State.PendingWorker:
                _state = State.Ready; // before Wait: a failed preparation is reported once
                Worker!.Wait();
                break;
        }
        _waitTicks += Stopwatch.GetTimestamp() - start;
    }

    private void Prepare(TrainingBatch batch, long index)
    {
        _replay.Sample(batch, _rng);
        _reanalyzer?.Reanalyze(_replay, batch, index);
        _augmentation?.Apply(batch, _rng); // after reanalysis: it rewrites policy targets from the stored games
        _trainer.EncodeTargets(batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        WaitForPending();
        _pending = null;
        _state = State.Idle;
    }
}
