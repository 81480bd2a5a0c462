using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Devices;

/// <summary>Moves small results between a (possibly CUDA) tensor and host spans without allocating managed arrays.</summary>
public static class HostCopy
{
    /// <summary>Copies a float tensor (any device, any shape) into <paramref name="destination"/> (row-major).</summary>
    public static void CopyTo(Tensor source, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        var host = source.device_type == DeviceType.CPU ? source.contiguous() : source.cpu().contiguous();
        if (host.dtype != ScalarType.Float32) host = host.to_type(ScalarType.Float32);
        var values = MemoryMarshal.Cast<byte, float>(host.bytes);
        if (values.Length != destination.Length)
            throw new ArgumentException($"tensor has {values.Length} elements, destination {destination.Length}", nameof(destination));
        values.CopyTo(destination);
    }
}
