using System.Text.Json;
using System.Text.Json.Nodes;

namespace MuZero.Training.Runs;

/// <summary>
/// A run's <c>metrics.jsonl</c> read back as named series. Every numeric field of a record is a metric, named by the
/// field (<c>loss</c>, <c>mean_return</c>) or, where records of two kinds share the field, by <c>kind.field</c>
/// (<c>train.episodes</c>). The position fields <c>step</c>, <c>env_steps</c> and <c>elapsed_seconds</c> place the
/// points; evaluation records of two-player games also get <c>score</c> = (wins + draws / 2) / games, the number the
/// run keeps its best checkpoint by.
/// </summary>
public sealed class MetricsLog
{
    /// <summary>The name of a run's metrics file inside its directory.</summary>
    public const string FileName = "metrics.jsonl";

    /// <summary>Record kind of the greedy evaluations.</summary>
    public const string EvaluationKind = "evaluation";

    private static readonly HashSet<string> PositionFields = ["step", "env_steps", "elapsed_seconds", "time", "kind"];

    // Evaluation fields that describe its size rather than its result.
    private static readonly HashSet<string> EvaluationSizeFields = ["episodes", "games"];

    private readonly Dictionary<string, List<MetricPoint>> _series;

    private MetricsLog(string path, Dictionary<string, List<MetricPoint>> series, string? score)
    {
        Path = path;
        _series = series;
        EvaluationScore = score;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The metric names, in the order they first appear.</summary>
    public IReadOnlyList<string> Metrics => [.. _series.Keys];

    /// <summary>The evaluation's score metric (<c>mean_return</c> or <c>score</c>); null when the run has not evaluated yet.</summary>
    public string? EvaluationScore { get; }

    /// <summary>The points of <paramref name="metric"/> in file order (ascending updates).</summary>
    /// <exception cref="ArgumentException">No such metric; the message lists the ones there are.</exception>
    public IReadOnlyList<MetricPoint> Series(string metric) =>
        _series.TryGetValue(metric, out var points)
            ? points
            : throw new ArgumentException($"{Path}: no metric '{metric}'; the metrics are {string.Join(", ", Metrics)}");

    /// <summary>Reads <c>metrics.jsonl</c> of the run directory <paramref name="runDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no metrics file.</exception>
    /// <exception cref="InvalidDataException">A line is not a JSON object with a step (file and line named).</exception>
    public static MetricsLog ReadRun(string runDirectory)
    {
        string path = System.IO.Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{runDirectory}: no {FileName} (not a run directory, or a run that has not started)", path);
        return Read(path);
    }

    /// <summary>Reads a metrics file.</summary>
    /// <exception cref="InvalidDataException">A line is not a JSON object with a step (file and line named).</exception>
    public static MetricsLog Read(string path)
    {
        var records = new List<(string Kind, long Step, JsonObject Fields)>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            JsonObject? record;
            try
            {
                record = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a JSON object: {e.Message.ReplaceLineEndings(" ")}", e);
            }
            if (record is null || Number(record, "step") is not double step)
                throw new InvalidDataException($"{path}:{number}: expected a JSON object with a numeric \"step\"");
            records.Add((record["kind"] is JsonValue kind && kind.TryGetValue(out string? k) ? k : "", (long)step, record));
        }

        // Where a record does not say how many environment steps or seconds it was taken at, a record of
        // another kind at the same update may (metrics files written before evaluations carried them).
        var envStepsAt = new Dictionary<long, long>();
        var secondsAt = new Dictionary<long, double>();
        foreach (var (_, step, fields) in records)
        {
            if (Number(fields, "env_steps") is double e) envStepsAt.TryAdd(step, (long)e);
            if (Number(fields, "elapsed_seconds") is double s) secondsAt.TryAdd(step, s);
        }

        var fieldKinds = new Dictionary<string, HashSet<string>>();
        foreach (var (kind, _, fields) in records)
            foreach (var (name, value) in fields)
                if (IsMetric(kind, name, value)) (fieldKinds.TryGetValue(name, out var kinds) ? kinds : fieldKinds[name] = []).Add(kind);

        var series = new Dictionary<string, List<MetricPoint>>();
        string? score = null;
        foreach (var (kind, step, fields) in records)
        {
            long? env = Number(fields, "env_steps") is double e ? (long)e : envStepsAt.TryGetValue(step, out long oe) ? oe : null;
            double? seconds = Number(fields, "elapsed_seconds") ?? (secondsAt.TryGetValue(step, out double os) ? os : null);
            void Add(string name, double value) =>
                (series.TryGetValue(name, out var points) ? points : series[name] = []).Add(new MetricPoint(step, env, seconds, value));
            foreach (var (name, value) in fields)
                if (IsMetric(kind, name, value)) Add(fieldKinds[name].Count > 1 ? $"{kind}.{name}" : name, (double)Number(fields, name)!);
            if (kind != EvaluationKind) continue;
            if (Number(fields, "mean_return") is not null) score ??= "mean_return";
            else if (Number(fields, "games") is double games && games > 0 && Number(fields, "wins") is double wins && Number(fields, "draws") is double draws)
            {
                Add("score", (wins + draws / 2) / games);
                score ??= "score";
            }
        }
        return new MetricsLog(path, series, score);
    }

    private static bool IsMetric(string kind, string name, JsonNode? value) =>
        !PositionFields.Contains(name) && !(kind == EvaluationKind && EvaluationSizeFields.Contains(name))
                                       && value is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static double? Number(JsonObject record, string name) =>
        record[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}
