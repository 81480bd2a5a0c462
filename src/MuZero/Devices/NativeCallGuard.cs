using System.Runtime;

namespace MuZero.Devices;

/// <summary>
/// Keeps the .NET garbage collector from running while a block of libtorch calls is in flight.
/// TorchSharp 0.107 passes the native handle of temporary objects (e.g. the <c>Scalar</c> created for
/// <c>alpha</c> in <c>a + b</c> or inside <c>Adam.step</c>) to native code without keeping the managed
/// object alive; a collection triggered by another thread (logging, workers) during that call can
/// finalize the object and free the native scalar in use, which surfaced as rare "Unknown scalar type"
/// / "Expected false to be true" errors in long runs. Inside this region no collection happens at all,
/// so such an object outlives the call. Regions do not nest; a region whose allocation budget runs out
/// ends by itself (the collector runs), which only re-opens the rare window.
/// </summary>
public readonly struct NativeCallGuard : IDisposable
{
    private const long Budget = 4L * 1024 * 1024;
    private readonly bool _active;

    private NativeCallGuard(bool active) => _active = active;

    /// <summary>Enters a no-collection region (or does nothing when one is already active).</summary>
    public static NativeCallGuard Enter()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return default;
        try
        {
            return new NativeCallGuard(GC.TryStartNoGCRegion(Budget));
        }
        catch (InvalidOperationException)
        {
            return default; // another thread opened one first
        }
    }

    /// <summary>Leaves the region, if it is still open.</summary>
    public void Dispose()
    {
        if (_active && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The budget ran out and the collector already ended the region.
            }
        }
    }
}
