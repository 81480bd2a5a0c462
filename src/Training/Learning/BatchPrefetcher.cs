using MuZero.Randomness;
using MuZero.Training.Replay;

namespace MuZero.Training.Learning;

/// <summary>
/// Prepares the learner's next batch (prioritized sampling and two-hot encoding) on a worker thread
/// while the current batch trains; the worker does managed work only, and the tensors (with the
/// pinned, non-blocking host-to-device copy on CUDA) are made on the learner's thread in
/// <see cref="Take"/>, so the worker needs no libtorch thread team of its own. Two
/// <see cref="TrainingBatch"/> buffers alternate. The replay buffer must not change while a batch is being
/// prepared: call <see cref="WaitForPending"/> before updating priorities or adding games. A prefetched batch
/// was sampled before the previous update's priority refresh (one update of staleness).
/// </summary>
public sealed class BatchPrefetcher : IDisposable
{
    private readonly ReplayBuffer _replay;
    private readonly UnrollTrainer _trainer;
    private readonly Xoshiro256 _rng;
    private readonly TrainingBatch[] _batches;
    private int _next;
    private Task? _pending;

    /// <summary>Creates a prefetcher sampling <paramref name="replay"/> for <paramref name="trainer"/>.</summary>
    public BatchPrefetcher(ReplayBuffer replay, UnrollTrainer trainer, Xoshiro256 rng, Func<TrainingBatch> allocate)
    {
        _replay = replay;
        _trainer = trainer;
        _rng = rng;
        _batches = [allocate(), allocate()];
    }

    /// <summary>The next batch: the prefetched one if any, else sampled now. The caller disposes the tensors.</summary>
    public (TrainingBatch Batch, BatchTensors Tensors) Take()
    {
        var batch = _batches[_next];
        if (_pending is null) Prepare(batch);
        else _pending.GetAwaiter().GetResult();
        _pending = null;
        _next ^= 1;
        return (batch, _trainer.ToTensors(batch));
    }

    /// <summary>Starts preparing the batch that the next <see cref="Take"/> returns.</summary>
    public void StartNext()
    {
        if (_pending is not null) throw new InvalidOperationException("a batch is already being prepared");
        var batch = _batches[_next];
        _pending = Task.Run(() => Prepare(batch));
    }

    /// <summary>Blocks until a batch being prepared is ready (it stays queued for <see cref="Take"/>).</summary>
    public void WaitForPending() => _pending?.Wait();

    private void Prepare(TrainingBatch batch)
    {
        _replay.Sample(batch, _rng);
        _trainer.EncodeTargets(batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _pending?.Wait();
        _pending = null;
    }
}
