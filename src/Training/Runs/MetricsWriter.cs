using System.Text.Json;
using System.Text.Json.Nodes;

namespace MuZero.Training.Runs;

/// <summary>Appends metrics as JSON lines (one object per line, flushed at once so a crash loses nothing written).</summary>
public sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;

    /// <summary>Opens <paramref name="path"/> for appending.</summary>
    public MetricsWriter(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
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
