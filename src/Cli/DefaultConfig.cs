using System.Reflection;
using MuZero.Training.Configuration;

namespace MuZero.Cli;

/// <summary>The configs embedded in the command (copies of configs/*.json), so `muzero train` runs with no file at all.</summary>
internal static class DefaultConfig
{
    public const string Name = "cartpole";

    /// <summary>How errors and records name the embedded config.</summary>
    public static string Source(string name = Name) => $"embedded configs/{name}.json";

    public static ExperimentConfig Load(string name = Name) => Load([], name);

    /// <summary>The embedded config <paramref name="name"/> with <paramref name="overrides"/> applied.</summary>
    public static ExperimentConfig Load(IReadOnlyList<ConfigOverride> overrides, string name = Name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"configs/{name}.json")
                           ?? throw new ConfigException($"no embedded config named '{name}'");
        using var reader = new StreamReader(stream);
        return ConfigLoader.Parse(reader.ReadToEnd(), Source(name), overrides);
    }
}
