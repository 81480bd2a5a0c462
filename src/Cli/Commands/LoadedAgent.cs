using Microsoft.Extensions.Logging;
using MuZero.Devices;
using MuZero.Environments;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using static TorchSharp.torch;

namespace MuZero.Cli.Commands;

/// <summary>A checkpoint turned into a playing agent (<see cref="CheckpointAgent"/>) on the device the user chose, with the load logged.</summary>
internal sealed class LoadedAgent : IDisposable
{
    private LoadedAgent(CheckpointAgent loaded, Device device)
    {
        Loaded = loaded;
        Device = device;
    }

    /// <summary>The loaded checkpoint: network, search and provenance.</summary>
    public CheckpointAgent Loaded { get; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; }

    public ExperimentConfig Config => Loaded.Config;
    public EnvironmentSpec Spec => Loaded.Spec;
    public SearchAgent Agent => Loaded.Agent;
    public string Path => Loaded.Path;

    public IEnvironment NewEnvironment() => Loaded.NewEnvironment();

    public static LoadedAgent Load(string checkpointOrRun, string device, int? simulations, ILogger logger, IReadOnlyList<ConfigOverride>? searchOverrides = null)
    {
        if (simulations is < 1 or > ConfigLimits.MaxSimulations)
            throw new ArgumentException($"--simulations must be in 1..{ConfigLimits.MaxSimulations}, got {simulations}");
        var torchDevice = DeviceSelection.Resolve(device, logger);
        var loaded = CheckpointAgent.Load(checkpointOrRun, torchDevice, simulations, searchOverrides);
        if (searchOverrides is { Count: > 0 })
            logger.LogInformation("Search changed from the checkpoint's: {Changes}", string.Join(", ", searchOverrides));
        logger.LogInformation("Loaded {Path}: {Game}, update {Step}, {Sims} simulations per move on {Device}",
            loaded.Path, loaded.Spec.Name, loaded.TrainingStep, loaded.Simulations, torchDevice.ToString());
        return new LoadedAgent(loaded, torchDevice);
    }

    public void Dispose() => Loaded.Dispose();
}
