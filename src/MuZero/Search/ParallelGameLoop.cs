using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace MuZero.Search;

/// <summary>
/// Runs one body over games 0..B-1 on the calling thread and P - 1 long-lived worker threads, with a fixed
/// partition of the games per thread, so that each game's tree stays in the cache of the core that works on it
/// simulation after simulation. A partition is cut into chunks of <see cref="ChunkGames"/> games that its owner
/// takes in order; a thread that has finished its own partition takes the chunks nobody has started from the
/// others (in a busy machine a worker may not get a core for milliseconds; the caller then does its work instead
/// of waiting). The caller returns when every chunk is done.
/// </summary>
/// <remarks>
/// Phases are numbered; a thread claims a chunk with a compare-and-swap on its partition's counter, which holds the
/// phase number beside the next chunk, so a worker that wakes late can never take a chunk of a later phase. Workers
/// block (after a short spin) between phases: on a machine with few cores they must not spin while the network runs.
/// Not thread-safe: one caller at a time.
/// </remarks>
internal sealed class ParallelGameLoop : IDisposable
{
    /// <summary>Games per chunk: small enough to balance and steal, large enough that a claim costs nothing.</summary>
    public const int ChunkGames = 16;

    /// <summary>The work of one phase: games [start, end) on thread <c>thread</c> (0 = the caller, 1..P-1 the workers).</summary>
    public delegate void Body(int thread, int start, int end);

    private readonly int _threadCount;
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim[] _wake;
    private readonly PaddedCounter[] _next;     // per partition: (phase << 32) | next chunk.
    private readonly int[] _partitionStart;     // [P + 1] first game of each partition.
    private readonly int[] _partitionChunks;    // [P] chunks per partition.
    private Body? _body;
    private int _phase;
    private int _remaining;                     // chunks of the current phase not yet finished.
    private volatile bool _stopping;
    private long _idleTicks;
    private ExceptionDispatchInfo? _failure;    // the first exception a body threw in this phase.

    /// <summary>Starts <paramref name="threads"/> - 1 workers for loops over <paramref name="games"/> games.</summary>
    public ParallelGameLoop(int threads, int games)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(games, threads);
        _threadCount = threads;
        Games = games;
        _next = new PaddedCounter[threads];
        _partitionStart = new int[threads + 1];
        _partitionChunks = new int[threads];
        for (int p = 0; p <= threads; p++) _partitionStart[p] = (int)((long)p * games / threads);
        for (int p = 0; p < threads; p++) _partitionChunks[p] = (_partitionStart[p + 1] - _partitionStart[p] + ChunkGames - 1) / ChunkGames;
        _wake = new SemaphoreSlim[threads - 1];
        _workers = new Thread[threads - 1];
        for (int w = 0; w < _workers.Length; w++)
        {
            _wake[w] = new SemaphoreSlim(0);
            int thread = w + 1;
            _workers[w] = new Thread(() => WorkerLoop(thread)) { IsBackground = true, Name = $"search worker {thread}" };
            _workers[w].Start();
        }
    }

    /// <summary>Number of games B.</summary>
    public int Games { get; }

    /// <summary>Number of threads P (the caller included).</summary>
    public int ThreadCount => _threadCount;

    /// <summary>Time the caller spent waiting for chunks that other threads were still working on, since the last <see cref="ResetIdle"/>.</summary>
    public long IdleTicks => _idleTicks;

    /// <summary>Sets <see cref="IdleTicks"/> back to zero.</summary>
    public void ResetIdle() => _idleTicks = 0;

    /// <summary>
    /// Runs <paramref name="body"/> over every game once and returns when all are done; an exception thrown by the body
    /// on any thread is rethrown here once the phase is over (the chunks after it still run).
    /// </summary>
    public void Run(Body body)
    {
        _body = body;
        _failure = null;
        int phase = _phase + 1;
        int total = 0;
        for (int p = 0; p < _threadCount; p++) total += _partitionChunks[p];
        Volatile.Write(ref _remaining, total);
        for (int p = 0; p < _threadCount; p++) Volatile.Write(ref _next[p].Value, (long)phase << 32);
        Volatile.Write(ref _phase, phase);
        foreach (SemaphoreSlim wake in _wake) wake.Release();

        Work(0, phase);
        if (Volatile.Read(ref _remaining) != 0)
        {
            long waitStart = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (Volatile.Read(ref _remaining) != 0) spin.SpinOnce(sleep1Threshold: -1);
            _idleTicks += Stopwatch.GetTimestamp() - waitStart;
        }
        Volatile.Read(ref _failure)?.Throw();
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (SemaphoreSlim wake in _wake) wake.Release();
        foreach (Thread worker in _workers) worker.Join();
        foreach (SemaphoreSlim wake in _wake) wake.Dispose();
    }

    private void WorkerLoop(int thread)
    {
        SemaphoreSlim wake = _wake[thread - 1];
        while (true)
        {
            wake.Wait();
            if (_stopping) return;
            Work(thread, Volatile.Read(ref _phase));
        }
    }

    /// <summary>The thread's own partition first, then the other partitions' unclaimed chunks.</summary>
    private void Work(int thread, int phase)
    {
        for (int i = 0; i < _threadCount; i++)
        {
            int partition = (thread + i) % _threadCount;
            int chunk;
            while ((chunk = Claim(partition, phase)) >= 0)
            {
                int start = _partitionStart[partition] + chunk * ChunkGames;
                int end = Math.Min(start + ChunkGames, _partitionStart[partition + 1]);
                try
                {
                    _body!(thread, start, end);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                }
                Interlocked.Decrement(ref _remaining);
            }
        }
    }

    /// <summary>The next unclaimed chunk of <paramref name="partition"/> in <paramref name="phase"/>, or -1 when none is left (or the phase is over).</summary>
    private int Claim(int partition, int phase)
    {
        ref long counter = ref _next[partition].Value;
        int chunks = _partitionChunks[partition];
        while (true)
        {
            long current = Volatile.Read(ref counter);
            if ((int)(current >> 32) != phase) return -1;
            int chunk = (int)current;
            if (chunk >= chunks) return -1;
            if (Interlocked.CompareExchange(ref counter, current + 1, current) == current) return chunk;
        }
    }

    /// <summary>A counter alone on its cache line (128 bytes: two lines, against the adjacent-line prefetcher).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)] public long Value;
    }
}
