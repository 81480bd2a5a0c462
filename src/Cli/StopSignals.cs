using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace MuZero.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM (timeout, container stops, Slurm) into a cancellation, so training stops
/// after the update in flight with a checkpoint; a second signal ends the process the default way.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ILogger _logger;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public StopSignals(ILogger logger)
    {
        _logger = logger;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code a process stopped by the signal returns: 130 for SIGINT, 143 for SIGTERM (128 + signal number).</summary>
    public int ExitCode { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancellation.IsCancellationRequested) return; // a second signal ends the process the default way
        context.Cancel = true;
        ExitCode = context.Signal == PosixSignal.SIGTERM ? 143 : 130;
        _logger.LogWarning("{Signal}: stopping after the current update and writing a checkpoint (send it again to stop at once)", context.Signal);
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancellation.Dispose();
    }
}
