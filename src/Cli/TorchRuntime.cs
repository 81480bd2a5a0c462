using Microsoft.Extensions.Logging;
using MuZero.Devices;

namespace MuZero.Cli;

/// <summary>Loads libtorch (for the <c>system</c> backend) before a command's first tensor and logs which one and which devices are in use.</summary>
internal static class TorchRuntime
{
    public static void Prepare(string? libTorchDirectory, ILogger logger)
    {
        LibTorchLoader.EnsureLoaded(libTorchDirectory);
        logger.LogInformation("{Runtime}", LibTorchLoader.Describe());
    }
}
