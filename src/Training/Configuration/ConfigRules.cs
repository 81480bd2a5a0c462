using System.Globalization;
using MuZero.Environments;
using MuZero.Networks;

namespace MuZero.Training.Configuration;

/// <summary>
/// The checks <see cref="ConfigLoader.Validate(ExperimentConfig, string)"/> is written in: each failure is one
/// <see cref="ConfigException"/> line "<c>source: field must be expected, got value</c>", where the source is the one
/// <paramref name="sourceOf"/> gives for the field (the file, or the <c>--set</c> override that wrote it).
/// </summary>
internal sealed class ConfigRules(Func<string, string> sourceOf, long availableMemoryBytes)
{
    public void Require(bool ok, string field, string expected, object? got)
    {
        if (!ok) throw new ConfigException($"{sourceOf(field)}: {field} must be {expected}, got {Format(got)}");
    }

    /// <summary>The name becomes the run directory <c>runs/&lt;name&gt;-&lt;timestamp&gt;</c>: nothing that can leave <c>runs/</c> or hide.</summary>
    public void Name(string? name)
    {
        const string expected = "1-100 characters of letters, digits, '-', '_' and '.', not starting with '.'";
        Require(name is not null, "name", "a string", null);
        bool ok = name!.Length is >= 1 and <= ConfigLimits.MaxNameLength
                  && name[0] != '.'
                  && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');
        Require(ok, "name", expected, $"'{name}'");
    }

    public void Memory(ExperimentConfig c)
    {
        var estimate = ConfigMemoryEstimate.For(c, c.Environment.Spec());
        if (estimate.TotalBytes <= availableMemoryBytes) return;
        // Name the field behind the largest share: that is the one to lower.
        (double bytes, string field, object value, string what)[] parts =
        [
            (estimate.ReplayBytes, "replay.capacity_steps", c.Replay.CapacitySteps, "the replay buffer"),
            (estimate.LearnerBytes, "training.batch_size", c.Training.BatchSize, "the learner's batches"),
            (estimate.SelfPlayBytes, "self_play.parallel_games", c.SelfPlay.ParallelGames, c.Reanalyze.Enabled ? "the self-play and reanalysis search trees" : "the self-play search trees"),
            (estimate.EvaluationBytes, "evaluation.episodes", c.Evaluation.Episodes, "the evaluation search trees"),
            c.Network.Kind == ResidualNetwork.KindName
                ? (estimate.NetworkBytes, "network.channels", c.Network.Channels ?? NetworkConfig.DefaultChannels, "the networks and optimizer state")
                : (estimate.NetworkBytes, "network.hidden_size", c.Network.HiddenSize, "the networks and optimizer state"),
        ];
        var largest = parts.MaxBy(part => part.bytes);
        Require(false, largest.field,
            $"small enough for memory (estimated {Bytes(estimate.TotalBytes)} in all, {Bytes(largest.bytes)} of it for {largest.what}; " +
            $"{Bytes(availableMemoryBytes)} available)", largest.value);
    }

    private static string Bytes(double bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes ({bytes / (1L << 30):F1} GiB)");

    public void Int(long value, string field, long min, long max)
    {
        Require(value >= min, field, $">= {min}", value);
        Require(value <= max, field, string.Create(CultureInfo.InvariantCulture, $"<= {max}"), value);
    }

    public void Finite(double value, string field) => Require(double.IsFinite(value), field, "a finite number", value);

    public void Positive(double value, string field)
    {
        Finite(value, field);
        Require(value > 0, field, "> 0", value);
    }

    public void Fraction(double value, string field)
    {
        Finite(value, field);
        Require(value is >= 0 and <= 1, field, "in [0, 1]", value);
    }

    public void OneOf(bool ok, string field, IReadOnlyList<string> names, string? got) =>
        Require(ok, field, "one of " + string.Join(", ", names), $"'{got}'");

    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false", // as JSON writes it
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
