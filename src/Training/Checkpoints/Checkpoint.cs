using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MuZero.Networks;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;
using MuZero.Training.Learning.Optimizers;

namespace MuZero.Training.Checkpoints;

/// <summary>
/// A checkpoint file: magic, format version, named sections (resolved config, counters, RNG state,
/// network weights, optimizer state, and optionally compressed run state such as the replay buffer and
/// the actor's unfinished games) and a SHA-256 of everything before it, so truncation and corruption
/// are detected before any weight is read. Written to a temporary file and renamed, so a crash never
/// leaves a half-written checkpoint under the final name.
/// </summary>
public sealed class Checkpoint
{
    private static readonly byte[] Magic = "MUZEROCK"u8.ToArray();
    private const int FormatVersion = 1;
    private const int HashLength = 32;

    private readonly Dictionary<string, byte[]> _sections;

    private Checkpoint(string path, Dictionary<string, byte[]> sections, ExperimentConfig config, TrainingCounters counters, ulong[] rngState)
    {
        Path = path;
        _sections = sections;
        Config = config;
        Counters = counters;
        RngState = rngState;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>The run's resolved config.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>Progress counters.</summary>
    public TrainingCounters Counters { get; }

    /// <summary>State of the run's main random stream.</summary>
    public ulong[] RngState { get; }

    /// <summary>True when optimizer state is present.</summary>
    public bool HasOptimizer => _sections.ContainsKey("optimizer");

    /// <summary>Prefix of the temporary files that <see cref="Save"/> renames into place.</summary>
    public const string TemporaryPrefix = ".";

    /// <summary>Suffix of the temporary files that <see cref="Save"/> renames into place.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>
    /// Writes a checkpoint atomically to <paramref name="path"/>. Each of <paramref name="states"/> becomes a
    /// compressed section read back with <see cref="TryReadState"/>.
    /// </summary>
    public static void Save(string path, ExperimentConfig config, TrainingCounters counters, ulong[] rngState, MuZeroNetwork network, ParameterOptimizer? optimizer,
        IEnumerable<(string Name, Action<BinaryWriter> Write)>? states = null)
    {
        var sections = new List<(string Name, byte[] Data)>
        {
            ("config", Encoding.UTF8.GetBytes(ConfigLoader.ToJson(config))),
            ("counters", JsonSerializer.SerializeToUtf8Bytes(counters, ConfigLoader.JsonOptions)),
            ("rng", JsonSerializer.SerializeToUtf8Bytes(rngState)),
            ("model", Serialize(w => network.save(w))),
        };
        if (optimizer is not null) sections.Add(("optimizer", Serialize(optimizer.Save)));
        foreach (var (name, write) in states ?? []) sections.Add((name, Compress(write)));
        Write(path, sections);
    }

    /// <summary>The sections an exported checkpoint keeps: what loading a playing agent needs, and the counters for provenance.</summary>
    private static readonly string[] ExportedSections = ["config", "counters", "rng", "model"];

    /// <summary>
    /// Writes this checkpoint's config, counters, RNG state and weights, and nothing else (no optimizer state, replay
    /// buffer or actor state), atomically to <paramref name="path"/>: a file that <c>evaluate</c> and <c>play</c> load
    /// like the original, with byte-identical weights. Returns the names of the sections left out.
    /// </summary>
    public IReadOnlyList<string> SaveWeightsOnly(string path)
    {
        Write(path, [.. ExportedSections.Select(name => (name, _sections[name]))]);
        return [.. _sections.Keys.Where(name => Array.IndexOf(ExportedSections, name) < 0).Order(StringComparer.Ordinal)];
    }

    private static void Write(string path, List<(string Name, byte[] Data)> sections)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(sections.Count);
            foreach (var (name, data) in sections)
            {
                writer.Write(name);
                writer.Write((long)data.Length);
                writer.Write(data);
            }
        }
        byte[] hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = System.IO.Path.Combine(directory, $"{TemporaryPrefix}{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}{TemporarySuffix}");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(body.GetBuffer(), 0, (int)body.Length);
            file.Write(hash);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and verifies <paramref name="path"/> (weights are applied later with <see cref="LoadWeights"/>).</summary>
    /// <exception cref="CheckpointException">Missing, truncated, corrupt or of another format.</exception>
    public static Checkpoint Load(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: checkpoint not found");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 4 + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CheckpointException($"{path}: not a MuZero checkpoint (bad header)");
        var content = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw new CheckpointException($"{path}: checkpoint is corrupt or truncated (checksum mismatch)");

        var sections = new Dictionary<string, byte[]>();
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, content.Length));
            reader.ReadBytes(Magic.Length);
            int version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new CheckpointException($"{path}: checkpoint format version {version}, this build reads {FormatVersion}");
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                long length = reader.ReadInt64();
                sections[name] = reader.ReadBytes(checked((int)length));
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException)
        {
            throw new CheckpointException($"{path}: checkpoint is malformed ({e.Message})", e);
        }
        foreach (string required in new[] { "config", "counters", "rng", "model" })
            if (!sections.ContainsKey(required)) throw new CheckpointException($"{path}: checkpoint lacks its '{required}' section");

        ExperimentConfig config;
        try
        {
            // No memory check here: evaluate and play load big runs' checkpoints on small machines; train --resume checks on its own.
            config = ConfigLoader.Parse(Encoding.UTF8.GetString(sections["config"]), $"{path} (embedded config)", long.MaxValue);
        }
        catch (ConfigException e)
        {
            throw new CheckpointException(e.Message, e);
        }
        var counters = JsonSerializer.Deserialize<TrainingCounters>(sections["counters"], ConfigLoader.JsonOptions)
                       ?? throw new CheckpointException($"{path}: checkpoint counters are empty");
        var rng = JsonSerializer.Deserialize<ulong[]>(sections["rng"]) ?? throw new CheckpointException($"{path}: checkpoint RNG state is empty");
        return new Checkpoint(path, sections, config, counters, rng);
    }

    /// <summary>Loads the saved weights into <paramref name="network"/> (built from <see cref="Config"/>).</summary>
    public void LoadWeights(MuZeroNetwork network)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_sections["model"]));
            network.load(reader, strict: true);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{Path}: weights do not fit the network of its config ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>Restores optimizer state, when present.</summary>
    /// <exception cref="CheckpointException">The state is of another optimizer or does not fit its parameters.</exception>
    public void LoadOptimizer(ParameterOptimizer optimizer)
    {
        if (!_sections.TryGetValue("optimizer", out var data)) return;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data));
            optimizer.Load(reader);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{Path}: optimizer state does not fit ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>True when the section <paramref name="name"/> is present.</summary>
    public bool HasSection(string name) => _sections.ContainsKey(name);

    /// <summary>Reads the compressed state section <paramref name="name"/> (written by <see cref="Save"/>'s states) with <paramref name="read"/>; false when absent.</summary>
    /// <exception cref="CheckpointException">The section does not fit what <paramref name="read"/> expects.</exception>
    public bool TryReadState(string name, Action<BinaryReader> read)
    {
        if (!_sections.TryGetValue(name, out var data)) return false;
        try
        {
            using var stream = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var reader = new BinaryReader(stream);
            read(reader);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new CheckpointException($"{Path}: its '{name}' section does not fit this run ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>
    /// The checkpoint a resumed run continues from: <c>latest.ckpt</c>, or, when that is missing or damaged,
    /// the newest intact <c>step-N.ckpt</c> (each unreadable file is reported through <paramref name="warn"/>).
    /// </summary>
    /// <exception cref="CheckpointException">The run directory holds no readable checkpoint.</exception>
    public static Checkpoint LoadNewestValid(RunDirectory run, Action<string> warn)
    {
        string? firstProblem = null;
        foreach (string path in run.StepCheckpointsNewestFirst().Prepend(run.LatestCheckpointPath))
        {
            if (!File.Exists(path)) continue;
            try
            {
                return Load(path);
            }
            catch (CheckpointException e)
            {
                firstProblem ??= e.Message;
                warn($"{e.Message}; trying an older checkpoint");
            }
        }
        throw new CheckpointException(firstProblem is null
            ? $"{run.Root}: run directory has no checkpoint to resume from (a run writes its first one as it starts; delete the directory and start anew)"
            : $"{run.Root}: no intact checkpoint to resume from (first problem: {firstProblem})");
    }

    /// <summary>
    /// Resolves a user's <c>--checkpoint</c>: a checkpoint file, or a run directory (its latest checkpoint).
    /// </summary>
    public static string Resolve(string fileOrRunDirectory)
    {
        if (File.Exists(fileOrRunDirectory)) return fileOrRunDirectory;
        if (Directory.Exists(fileOrRunDirectory))
        {
            string latest = System.IO.Path.Combine(fileOrRunDirectory, RunDirectory.CheckpointFolder, RunDirectory.LatestCheckpointName);
            if (File.Exists(latest)) return latest;
            throw new CheckpointException($"{fileOrRunDirectory}: run directory has no checkpoint ({latest} not found)");
        }
        throw new CheckpointException($"{fileOrRunDirectory}: no such checkpoint file or run directory");
    }

    private static byte[] Compress(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var zlib = new ZLibStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zlib, Encoding.UTF8, leaveOpen: true))
            write(writer);
        return stream.ToArray();
    }

    private static byte[] Serialize(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }
}
