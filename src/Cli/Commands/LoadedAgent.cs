using Microsoft.Extensions.Logging;
using MuZero.Devices;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using TorchSharp;

namespace MuZero.Cli.Commands;

/// <summary>A checkpoint turned into a playing agent: its config, its game and a greedy <see cref="SearchAgent"/>.</summary>
internal sealed class LoadedAgent : IDisposable
{
    private readonly MuZeroNetwork _network;

    private LoadedAgent(ExperimentConfig config, EnvironmentSpec spec, MuZeroNetwork network, SearchAgent agent, string path)
    {
        Config = config;
        Spec = spec;
        _network = network;
        Agent = agent;
        Path = path;
    }

    public ExperimentConfig Config { get; }
    public EnvironmentSpec Spec { get; }
    public SearchAgent Agent { get; }
    public string Path { get; }

    public IEnvironment NewEnvironment() => Config.Environment.Create();

    public static LoadedAgent Load(string checkpointOrRun, string device, int? simulations, ILogger logger)
    {
        string path = Checkpoint.Resolve(checkpointOrRun);
        var checkpoint = Checkpoint.Load(path);
        var config = checkpoint.Config;
        var spec = config.Environment.Spec();
        var torchDevice = DeviceSelection.Resolve(device, logger);
        var network = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        checkpoint.LoadWeights(network);
        network.to(torchDevice);
        network.eval();
        int sims = simulations ?? config.Evaluation.Simulations ?? config.Search.Simulations;
        if (sims < 1) throw new ArgumentException($"--simulations must be >= 1, got {sims}");
        var agent = new SearchAgent(new NetworkSearchModel(network, torchDevice), config.Search with { Simulations = sims }, spec);
        logger.LogInformation("Loaded {Path}: {Game}, update {Step}, {Sims} simulations per move on {Device}",
            path, spec.Name, checkpoint.Counters.TrainingStep, sims, torchDevice.ToString());
        return new LoadedAgent(config, spec, network, agent, path);
    }

    public void Dispose()
    {
        Agent.Dispose();
        _network.Dispose();
    }
}
