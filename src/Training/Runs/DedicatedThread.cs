using System.Runtime.ExceptionServices;

namespace MuZero.Training.Runs;

/// <summary>
/// One long-lived thread that runs the work items it is given, one at a time. Work that calls libtorch
/// stays on the same OS thread from item to item, so libtorch's per-thread state (its OpenMP thread team,
/// grad mode) is made once instead of for every item, as a thread-pool task would.
/// </summary>
public sealed class DedicatedThread : IDisposable
{
    private readonly Thread _thread;
    private readonly SemaphoreSlim _started = new(0);
    private readonly SemaphoreSlim _finished = new(0);
    private Action? _work;
    private Exception? _error;
    private bool _busy;
    private volatile bool _disposed;

    /// <summary>Starts the thread; <paramref name="initialize"/> runs on it first (e.g. to set libtorch's thread count there).</summary>
    public DedicatedThread(string name, Action? initialize = null)
    {
        _thread = new Thread(() =>
        {
            initialize?.Invoke();
            while (true)
            {
                _started.Wait();
                if (_disposed) return;
                try
                {
                    _work!();
                }
                catch (Exception e)
                {
                    _error = e;
                }
                _finished.Release();
            }
        })
        { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the thread; <see cref="Wait"/> collects its end.</summary>
    /// <exception cref="InvalidOperationException">The previous work item was not waited for.</exception>
    public void Start(Action work)
    {
        if (_busy) throw new InvalidOperationException("the thread is still running the previous work item");
        _busy = true;
        _work = work;
        _started.Release();
    }

    /// <summary>Blocks until the started work item ends; rethrows what it threw.</summary>
    public void Wait()
    {
        if (!_busy) return;
        _finished.Wait();
        _busy = false;
        _work = null;
        var error = _error;
        _error = null;
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Waits for a running work item (ignoring its exception) and ends the thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        if (_busy)
        {
            _finished.Wait();
            _busy = false;
        }
        _disposed = true;
        _started.Release();
        _thread.Join();
        _started.Dispose();
        _finished.Dispose();
    }
}
