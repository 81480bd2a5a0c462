using MuZero.Devices;
using MuZero.Environments;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;

namespace MuZero.Cli;

/// <summary>Turns user mistakes into one clear line on stderr and exit code 1, instead of a stack trace.</summary>
internal static class CliError
{
    /// <summary>Runs <paramref name="body"/>; known user errors print "error: ..." and return 1.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ConfigException or CheckpointException or DeviceUnavailableException or LibTorchUnavailableException
                                      or IllegalActionException or RunDirectoryException or TrainingDivergedException or ArgumentException or FileNotFoundException
                                      or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
