using System.Runtime.ExceptionServices;

namespace MuZero.Networks;

/// <summary>
/// Runs a body over rows 0..R-1 on the calling thread with one thread-pool thread helping: the rows are cut into chunks
/// that both claim in order, so the helper takes whatever it reaches before the caller is done and a helper that starts
/// late (a busy machine) costs nothing but its queueing. The caller returns when every chunk is done.
/// </summary>
/// <remarks>
/// A claim is a compare-and-swap on one counter holding the phase number beside the next chunk, so a helper queued for
/// an earlier call that runs late can only take chunks of the call in progress, and only while it is in progress.
/// No allocation per call. Not thread-safe: one caller at a time.
/// </remarks>
internal sealed class HelpedRowLoop : IThreadPoolWorkItem
{
    /// <summary>The work of one chunk: rows [start, end).</summary>
    public delegate void Body(int start, int end);

    private readonly int _chunkRows;
    private long _next;          // (phase << 32) | next chunk
    private int _remaining;      // chunks of the current phase not yet finished
    private int _rows;
    private int _chunks;
    private Body? _body;
    private ExceptionDispatchInfo? _failure; // the first exception a chunk threw in this call

    /// <summary>A loop that hands out rows in chunks of <paramref name="chunkRows"/>.</summary>
    public HelpedRowLoop(int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        _chunkRows = chunkRows;
    }

    /// <summary>Runs <paramref name="body"/> over rows [0, <paramref name="rows"/>) and returns when all are done; rethrows the first exception of a chunk.</summary>
    public void Run(int rows, Body body)
    {
        _body = body;
        _rows = rows;
        _chunks = (rows + _chunkRows - 1) / _chunkRows;
        _failure = null;
        int phase = (int)(Volatile.Read(ref _next) >> 32) + 1;
        Volatile.Write(ref _remaining, _chunks);
        Volatile.Write(ref _next, (long)phase << 32);
        if (_chunks > 1) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work(phase);
        var spin = new SpinWait();
        while (Volatile.Read(ref _remaining) != 0) spin.SpinOnce(sleep1Threshold: -1);
        Volatile.Read(ref _failure)?.Throw();
    }

    /// <summary>The helper's turn: the chunks of the call in progress that nobody has claimed yet.</summary>
    void IThreadPoolWorkItem.Execute() => Work((int)(Volatile.Read(ref _next) >> 32));

    private void Work(int phase)
    {
        while (true)
        {
            long current = Volatile.Read(ref _next);
            int chunk = (int)current;
            if ((int)(current >> 32) != phase || chunk >= _chunks) return;
            if (Interlocked.CompareExchange(ref _next, current + 1, current) != current) continue;
            int start = chunk * _chunkRows;
            try
            {
                _body!(start, Math.Min(start + _chunkRows, _rows));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Decrement(ref _remaining);
        }
    }
}
