using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Devices;

/// <summary>Turns a user's device request (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device, at run time.</summary>
public static class DeviceSelection
{
    /// <summary>
    /// Resolves <paramref name="request"/>. <c>auto</c> picks CUDA device 0 when present and otherwise the
    /// CPU, and logs which; an explicit <c>cuda</c> request on a machine without one is an error, never a
    /// silent fallback.
    /// </summary>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is not there, or the index is out of range.</exception>
    /// <exception cref="ArgumentException">The request is not one of the accepted forms.</exception>
    public static Device Resolve(string request, ILogger? logger = null)
    {
        string r = request.Trim().ToLowerInvariant();
        if (r == "cpu") return CPU;
        if (r == "auto")
        {
            if (cuda.is_available())
            {
                logger?.LogInformation("Device auto: using cuda:0 ({Count} CUDA device(s) present)", cuda.device_count());
                return new Device(DeviceType.CUDA, 0);
            }
            logger?.LogInformation("Device auto: no CUDA device present, using the CPU");
            return CPU;
        }
        if (r == "cuda" || r.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (r.Length > 4 && (!int.TryParse(r.AsSpan(5), out index) || index < 0))
                throw new ArgumentException($"--device '{request}': expected cuda:N with N a device index");
            if (!cuda.is_available())
                throw new DeviceUnavailableException($"--device {request}: no CUDA device is available on this machine (TorchSharp backend without CUDA, or no GPU); use --device cpu or auto");
            int count = cuda.device_count();
            if (index >= count)
                throw new DeviceUnavailableException($"--device {request}: only {count} CUDA device(s) present (indices 0..{count - 1})");
            return new Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"--device '{request}': expected auto, cpu, cuda or cuda:N");
    }
}
