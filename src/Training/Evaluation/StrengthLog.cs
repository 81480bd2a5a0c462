using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MuZero.Training.Evaluation;

/// <summary>What a strength log measures.</summary>
public enum StrengthMeasure
{
    /// <summary>Match scores against an opponent (<see cref="MatchReport"/>): higher is stronger.</summary>
    Score,

    /// <summary>Mistake rates on Connect Four test positions (<see cref="PositionSetReport"/>): lower is stronger.</summary>
    MistakeRate,
}

/// <summary>
/// Strength against training step, read from a JSON Lines file in which each line is one checkpoint's
/// <c>muzero evaluate --json</c> report (as scripts/strength-vs-step.sh collects them): match reports (<c>score</c>,
/// <c>score_low</c>, <c>score_high</c>, <c>opponent</c>) or test-position reports (<c>sets</c>, each with
/// <c>mistake_rate</c> and its interval), all of one kind, each with its <c>training_step</c>.
/// </summary>
public sealed class StrengthLog
{
    private StrengthLog(StrengthMeasure measure, IReadOnlyList<StrengthPoint> points)
    {
        Measure = measure;
        Points = points;
    }

    /// <summary>What the values are.</summary>
    public StrengthMeasure Measure { get; }

    /// <summary>Every point, ordered by series (in order of first appearance) and then by step.</summary>
    public IReadOnlyList<StrengthPoint> Points { get; }

    /// <summary>The series in order of first appearance.</summary>
    public IReadOnlyList<string> Series => [.. Points.Select(p => p.Series).Distinct()];

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is not such a report, or reports of both kinds are mixed; the message names path and line.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static StrengthLog Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such strength file", path);
        return Parse(File.ReadLines(path), path);
    }

    /// <summary>Parses the lines of a strength file; <paramref name="source"/> names it in messages. Blank lines are skipped.</summary>
    /// <exception cref="FormatException">As for <see cref="Read"/>.</exception>
    public static StrengthLog Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var points = new List<StrengthPoint>();
        StrengthMeasure? measure = null;
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string where = $"{source}:{number}";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{where}: expected one JSON object per line (an evaluate --json report), got invalid JSON: {e.Message}", e);
            }
            using (document)
            {
                var report = document.RootElement;
                if (report.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: expected a JSON object (an evaluate --json report), got {report.ValueKind}");
                var kind = report.TryGetProperty("sets", out _) ? StrengthMeasure.MistakeRate
                    : report.TryGetProperty("score", out _) ? StrengthMeasure.Score
                    : throw new FormatException($"{where}: expected an evaluate --json report of a match (with 'score') or of test positions (with 'sets'), got neither");
                measure ??= kind;
                if (kind != measure)
                    throw new FormatException($"{where}: expected a {Describe(measure.Value)} report like the lines before, got a {Describe(kind)} report; one strength file holds one kind");
                long step = Integer(report, "training_step", where);
                if (kind == StrengthMeasure.Score)
                {
                    string opponent = Text(report, "opponent", where);
                    points.Add(Point($"vs {opponent}", step, report, "score", where));
                }
                else
                {
                    var sets = report.GetProperty("sets");
                    if (sets.ValueKind != JsonValueKind.Array || sets.GetArrayLength() == 0)
                        throw new FormatException($"{where}: expected 'sets' a non-empty array, got {Shown(sets)}");
                    foreach (var set in sets.EnumerateArray())
                    {
                        if (set.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: expected each of 'sets' an object, got {Shown(set)}");
                        points.Add(Point(Text(set, "set", where), step, set, "mistake_rate", where));
                    }
                }
            }
        }
        if (measure is null) throw new FormatException($"{source}: no reports (expected one evaluate --json report per line)");
        var order = points.Select(p => p.Series).Distinct().ToList();
        var sorted = points.OrderBy(p => order.IndexOf(p.Series)).ThenBy(p => p.Step).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Series == sorted[i - 1].Series && sorted[i].Step == sorted[i - 1].Step)
                throw new FormatException($"{source}: step {sorted[i].Step} of '{sorted[i].Series}' is reported twice");
        }
        return new StrengthLog(measure.Value, sorted);
    }

    /// <summary>The points as CSV: a header, then <c>step,series,value,low,high</c> per point (values as fractions 0..1).</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture, $"step,series,{(Measure == StrengthMeasure.Score ? "score" : "mistake_rate")},low,high\n");
        foreach (var p in Points)
        {
            string series = p.Series.Contains(',', StringComparison.Ordinal) || p.Series.Contains('"', StringComparison.Ordinal)
                ? $"\"{p.Series.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
                : p.Series;
            csv.Append(CultureInfo.InvariantCulture, $"{p.Step},{series},{p.Value:R},{p.Low:R},{p.High:R}\n");
        }
        return csv.ToString();
    }

    private static string Describe(StrengthMeasure measure) => measure == StrengthMeasure.Score ? "match (score)" : "test-position (mistake rate)";

    private static StrengthPoint Point(string series, long step, JsonElement element, string field, string where)
    {
        double value = Fraction(element, field, where), low = Fraction(element, $"{field}_low", where), high = Fraction(element, $"{field}_high", where);
        if (!(low <= value && value <= high)) throw new FormatException($"{where}: expected {field}_low <= {field} <= {field}_high, got {low} .. {value} .. {high}");
        return new StrengthPoint(series, step, value, low, high);
    }

    private static double Fraction(JsonElement element, string field, string where)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number is < 0 or > 1)
            throw new FormatException($"{where}: expected '{field}' a number in 0..1, got {(element.TryGetProperty(field, out var v) ? Shown(v) : "nothing")}");
        return number;
    }

    private static long Integer(JsonElement element, string field, string where)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number) || number < 0)
            throw new FormatException($"{where}: expected '{field}' an integer >= 0, got {(element.TryGetProperty(field, out var v) ? Shown(v) : "nothing")}");
        return number;
    }

    private static string Text(JsonElement element, string field, string where)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
            throw new FormatException($"{where}: expected '{field}' a non-empty string, got {(element.TryGetProperty(field, out var v) ? Shown(v) : "nothing")}");
        return value.GetString()!;
    }

    private static string Shown(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
