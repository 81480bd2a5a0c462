using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MuZero.Training.Runs;

/// <summary>
/// Appends metrics as JSON lines (one object per line, flushed at once so a crash loses nothing written).
/// A resumed run first cuts the file back to its checkpoint (<see cref="OpenForResume"/>), so no update
/// appears twice and a line torn by a crash never has the next record glued onto it.
/// </summary>
public sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;

    private MetricsWriter(string path, FileMode mode)
    {
        _writer = new StreamWriter(new FileStream(path, mode, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    /// <summary>Starts <paramref name="path"/> for a new run (it must not exist).</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static MetricsWriter Create(string path) => new(path, FileMode.CreateNew);

    /// <summary>
    /// Continues <paramref name="path"/> for a run resumed at update <paramref name="checkpointStep"/>: keeps the
    /// complete records with a step at or below it, drops later ones (their updates are redone) and any line
    /// that is not a whole JSON object (torn by a kill); the kept lines are rewritten atomically.
    /// Returns the writer and the number of lines dropped.
    /// </summary>
    public static (MetricsWriter Writer, int Dropped) OpenForResume(string path, long checkpointStep)
    {
        int dropped = 0;
        if (File.Exists(path))
        {
            var kept = new StringBuilder();
            foreach (string line in File.ReadLines(path))
            {
                if (IsRecordUpTo(line, checkpointStep)) kept.Append(line).Append('\n');
                else dropped++;
            }
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, kept.ToString());
            File.Move(temporary, path, overwrite: true);
        }
        return (new MetricsWriter(path, FileMode.Append), dropped);
    }

    private static bool IsRecordUpTo(string line, long step)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject record
                   && (record["step"] is not JsonValue value || !value.TryGetValue(out long recordStep) || recordStep <= step);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Writes one record: <c>{"kind": kind, "time": ISO-8601, ...fields}</c>.</summary>
    public void Write(string kind, IReadOnlyDictionary<string, object?> fields)
    {
        var line = new JsonObject { ["kind"] = kind, ["time"] = DateTime.UtcNow.ToString("O") };
        foreach (var (key, value) in fields) line[key] = JsonSerializer.SerializeToNode(value);
        _writer.WriteLine(line.ToJsonString());
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
