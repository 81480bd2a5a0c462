using System.Runtime.ExceptionServices;

namespace MuZero.Search;

/// <summary>
/// One long-lived thread that runs one part of a search at a time beside the searching thread: one group's tree work
/// of a pipelined search (<see cref="SearchConfig.PipelineGroups"/>) while the searching thread calls the model, or a
/// whole shard of a sharded search (<see cref="SearchConfig.Shards"/>). <see cref="Start"/> hands it a part,
/// <see cref="Wait"/> returns when that part is done (rethrowing what it threw). The body is fixed at construction and
/// its arguments are plain fields, so a part allocates nothing. The thread blocks between parts (it must not spin
/// while the network runs on a machine with few cores).
/// </summary>
internal sealed class SearchWorker : IDisposable
{
    private readonly Action<int, int, int> _body; // (group, backup node, simulation)
    private readonly Thread _thread;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private int _group, _backupNode, _simulation;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _stopping;
    private bool _running;

    /// <summary>Starts the thread, named <paramref name="name"/>; <paramref name="body"/>(group, backup node, simulation) is one part.</summary>
    public SearchWorker(Action<int, int, int> body, string name)
    {
        _body = body;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs the body for <paramref name="group"/> on the worker; the previous part must have been waited for.</summary>
    public void Start(int group, int backupNode, int simulation)
    {
        if (_running) throw new InvalidOperationException("The previous part has not been waited for.");
        (_group, _backupNode, _simulation) = (group, backupNode, simulation);
        _running = true;
        _start.Release();
    }

    /// <summary>Waits for the part started last; rethrows its exception.</summary>
    public void Wait() => Join()?.Throw();

    /// <summary>Waits for the part started last and drops its exception (when another one is already on its way out).</summary>
    public void Drain() => Join();

    /// <summary>Waits for the part started last, if any, and hands over its exception.</summary>
    private ExceptionDispatchInfo? Join()
    {
        if (!_running) return null;
        _done.Wait();
        _running = false;
        var failure = _failure;
        _failure = null;
        return failure;
    }

    /// <summary>Stops the thread (after the running part).</summary>
    public void Dispose()
    {
        if (_stopping) return;
        Drain();
        _stopping = true;
        _start.Release();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping) return;
            try
            {
                _body(_group, _backupNode, _simulation);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            _done.Release();
        }
    }
}
