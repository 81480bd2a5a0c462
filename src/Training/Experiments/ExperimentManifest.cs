using System.Text.Json;
using System.Text.Json.Nodes;
using MuZero.Training.Configuration;

namespace MuZero.Training.Experiments;

/// <summary>
/// What an experiment is, as <c>experiment.json</c> records it: the config file it was made from and the
/// <c>--set</c> overrides (for people), the seeds in the order they run, and the resolved config every seed trains
/// with (all but the seed; this is what a resumed experiment uses, whatever happened to the file since).
/// </summary>
public sealed record ExperimentManifest(string ConfigSource, IReadOnlyList<string> Overrides, IReadOnlyList<ulong> Seeds, ExperimentConfig Config)
{
    /// <summary>The config seed <paramref name="seed"/> trains with.</summary>
    public ExperimentConfig ConfigFor(ulong seed) => Config with { Seed = seed };

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["config"] = ConfigSource,
            ["overrides"] = new JsonArray([.. Overrides.Select(o => JsonValue.Create(o))]),
            ["seeds"] = new JsonArray([.. Seeds.Select(s => JsonValue.Create(s))]),
            ["resolved_config"] = JsonNode.Parse(ConfigLoader.ToJson(Config)),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads and checks a manifest; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="ConfigException">Malformed JSON, a missing or mistyped field, or an invalid resolved config.</exception>
    public static ExperimentManifest Parse(string json, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new ConfigException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: invalid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        T Field<T>(string name, string expected)
        {
            try
            {
                return root[name] is { } node && node.Deserialize<T>() is { } value ? value : throw new ConfigException($"{path}: {name} must be {expected}, got null");
            }
            catch (JsonException)
            {
                throw new ConfigException($"{path}: {name} must be {expected}, got {root[name]?.ToJsonString()}");
            }
        }
        string source = Field<string>("config", "a string");
        string[] overrides = Field<string[]>("overrides", "a list of strings");
        ulong[] seeds = Field<ulong[]>("seeds", "a list of non-negative integers");
        if (seeds.Length == 0 || seeds.Distinct().Count() != seeds.Length)
            throw new ConfigException($"{path}: seeds must be a non-empty list of distinct seeds, got [{string.Join(", ", seeds)}]");
        var config = ConfigLoader.Parse(Field<JsonObject>("resolved_config", "an object").ToJsonString(), $"{path} (resolved_config)");
        return new ExperimentManifest(source, overrides, seeds, config);
    }
}
