using System.CommandLine;

namespace MuZero.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> LibTorch() => new("--libtorch")
    {
        Description = $"folder with libtorch.so for builds with TorchBackend=system (default: ${MuZero.Devices.LibTorchLoader.EnvironmentVariable}, else the PyTorch of python3)",
        Recursive = true,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "auto, cpu, cuda or cuda:N (auto picks CUDA when present, else the CPU)",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string> Checkpoint() => new("--checkpoint")
    {
        Description = "a checkpoint file, or a run directory (its latest checkpoint)",
        Required = true,
    };

    public static Option<int?> Simulations() => new("--simulations")
    {
        Description = "simulations per move (default: the checkpoint config's evaluation or search setting)",
    };

    public static Option<string[]> Set() => new("--set")
    {
        HelpName = "FIELD=VALUE",
        Description = "change one config field, e.g. --set training.learning_rate=0.001 or --set network.kind=mlp (repeatable; the value is JSON where it parses, else a string); checked like the file",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The <c>--set</c> assignments, read and checked for repeats.</summary>
    public static IReadOnlyList<MuZero.Training.Configuration.ConfigOverride> Overrides(string[]? assignments) =>
        MuZero.Training.Configuration.ConfigOverride.ParseAll(assignments);
}
