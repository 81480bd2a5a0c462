using System.Reflection;
using MuZero.Training.Configuration;

namespace MuZero.Cli;

/// <summary>The configs embedded in the command (copies of configs/*.json), so `muzero train` runs with no file at all.</summary>
internal static class DefaultConfig
{
    public const string Name = "cartpole";

    public static ExperimentConfig Load(string name = Name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"configs/{name}.json")
                           ?? throw new ConfigException($"no embedded config named '{name}'");
        using var reader = new StreamReader(stream);
        return ConfigLoader.Parse(reader.ReadToEnd(), $"embedded configs/{name}.json");
    }
}
