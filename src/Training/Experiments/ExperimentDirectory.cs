using MuZero.Environments;
using MuZero.Training.Runs;

namespace MuZero.Training.Experiments;

/// <summary>
/// Layout of an experiment directory: <c>experiment.json</c> (<see cref="ExperimentManifest"/>), one run directory per
/// seed (<c>seed-1/</c>, <c>seed-2/</c>, ...; each a <see cref="RunDirectory"/>), and the aggregate of their
/// evaluations, <c>aggregate.json</c> and <c>aggregate.csv</c>.
/// </summary>
public sealed class ExperimentDirectory
{
    /// <summary>File name of the manifest; a directory with one is an experiment.</summary>
    public const string ManifestName = "experiment.json";

    private ExperimentDirectory(string root, ExperimentManifest manifest)
    {
        Root = Path.GetFullPath(root);
        Manifest = manifest;
    }

    /// <summary>Absolute path of the experiment directory.</summary>
    public string Root { get; }

    /// <summary>What the experiment runs.</summary>
    public ExperimentManifest Manifest { get; }

    /// <summary>The aggregate as JSON.</summary>
    public string AggregateJsonPath => Path.Combine(Root, "aggregate.json");

    /// <summary>The aggregate as CSV.</summary>
    public string AggregateCsvPath => Path.Combine(Root, "aggregate.csv");

    /// <summary>The goal summary as JSON (<see cref="WriteGoalSummary"/>).</summary>
    public string GoalJsonPath => Path.Combine(Root, "goal.json");

    /// <summary>The run directory of <paramref name="seed"/>.</summary>
    public string SeedPath(ulong seed) => Path.Combine(Root, $"seed-{seed}");

    /// <summary>
    /// The metric the aggregate reports: the evaluation's score, <c>mean_return</c> for single-player games and
    /// <c>score</c> ((wins + draws / 2) / games) for two-player ones.
    /// </summary>
    public string ScoreMetric => EnvironmentRegistry.GetSpec(Manifest.Config.Environment.Name).IsTwoPlayer ? "score" : "mean_return";

    /// <summary>True when <paramref name="path"/> is an experiment directory (holds a manifest).</summary>
    public static bool IsExperiment(string path) => File.Exists(Path.Combine(path, ManifestName));

    /// <summary>Starts a new experiment in <paramref name="root"/>, which must be empty or absent.</summary>
    /// <exception cref="RunDirectoryException">The directory holds files.</exception>
    public static ExperimentDirectory Create(string root, ExperimentManifest manifest)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new RunDirectoryException($"{Path.GetFullPath(root)}: experiment directory is not empty; pass --resume {root} to continue that experiment, or choose another --out");
        Directory.CreateDirectory(root);
        var directory = new ExperimentDirectory(root, manifest);
        RunDirectory.WriteAtomically(Path.Combine(directory.Root, ManifestName), manifest.ToJson());
        return directory;
    }

    /// <summary>Opens an existing experiment.</summary>
    /// <exception cref="RunDirectoryException">No such directory, or no manifest in it.</exception>
    /// <exception cref="Configuration.ConfigException">The manifest is malformed.</exception>
    public static ExperimentDirectory Open(string root)
    {
        string manifest = Path.Combine(root, ManifestName);
        if (!Directory.Exists(root)) throw new RunDirectoryException($"{Path.GetFullPath(root)}: no such experiment directory");
        if (!File.Exists(manifest)) throw new RunDirectoryException($"{Path.GetFullPath(root)}: not an experiment directory (no {ManifestName})");
        return new ExperimentDirectory(root, ExperimentManifest.Parse(File.ReadAllText(manifest), manifest));
    }

    /// <summary>The score curves of the seeds that have metrics so far (a seed not started yet is left out).</summary>
    public IReadOnlyList<SeedCurve> Curves(string metric)
    {
        var curves = new List<SeedCurve>();
        foreach (ulong seed in Manifest.Seeds)
        {
            string run = SeedPath(seed);
            if (!File.Exists(Path.Combine(run, MetricsLog.FileName))) continue;
            var log = MetricsLog.ReadRun(run);
            curves.Add(new SeedCurve(seed, log.Metrics.Contains(metric) ? log.Series(metric) : []));
        }
        return curves;
    }

    /// <summary>
    /// When the config has <c>evaluation.stop_at</c>: each seed's first evaluation that reached it, written to
    /// <c>goal.json</c> (atomically); null without a goal.
    /// </summary>
    public GoalSummary? WriteGoalSummary()
    {
        if (Manifest.Config.Evaluation.StopAt is not { } goal) return null;
        var summary = GoalSummary.Compute(goal, Curves(GoalSummary.Metric(goal)));
        RunDirectory.WriteAtomically(GoalJsonPath, summary.ToJson());
        return summary;
    }

    /// <summary>Aggregates the seeds' <see cref="ScoreMetric"/> and writes <c>aggregate.json</c> and <c>aggregate.csv</c> (each atomically).</summary>
    public ExperimentAggregate WriteAggregate()
    {
        var aggregate = ExperimentAggregate.Compute(ScoreMetric, Curves(ScoreMetric));
        RunDirectory.WriteAtomically(AggregateJsonPath, aggregate.ToJson());
        RunDirectory.WriteAtomically(AggregateCsvPath, aggregate.ToCsv());
        return aggregate;
    }
}
