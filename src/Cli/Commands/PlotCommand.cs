using System.CommandLine;
using MuZero.Training.Evaluation;
using MuZero.Training.Experiments;
using MuZero.Training.Runs;
using ScottPlot;
using SkiaSharp;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero plot</c>: learning curves and loss components from runs' <c>metrics.jsonl</c> as a PNG: one line per run
/// directory, and for an experiment directory the mean over its seeds with the 95% bootstrap interval shaded (the
/// same aggregate as <c>aggregate.csv</c>, for any metric). Drawn with ScottPlot on SkiaSharp's bundled native
/// library, so it needs no Python and no system graphics libraries; text needs a font (the system's, or <c>--font</c>).
/// </summary>
internal static class PlotCommand
{
    /// <summary><c>--metric loss</c> draws the total loss and every component (<c>*_loss</c>).</summary>
    private const string LossGroup = "loss";

    private static readonly string[] Axes = ["updates", "env_steps", "wall_time"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("RUN_OR_EXPERIMENT")
        {
            Description = "run directories (with metrics.jsonl) or experiment directories (with experiment.json); or one strength file (JSON lines of evaluate --json reports, from scripts/strength-vs-step.sh)",
            Arity = ArgumentArity.OneOrMore,
        };
        var metric = new Option<string?>("--metric") { Description = "metric(s) to draw, comma separated; 'loss' draws every loss component (default: the evaluation score, mean_return or score)" };
        var x = new Option<string>("--x") { Description = "x axis: updates, env_steps or wall_time (minutes)", DefaultValueFactory = _ => "updates" };
        var output = new Option<string?>("--out") { Description = "PNG file to write (default: METRIC.png in the directory, when there is one)" };
        var width = new Option<int>("--width") { Description = "image width in pixels", DefaultValueFactory = _ => 800 };
        var height = new Option<int>("--height") { Description = "image height in pixels", DefaultValueFactory = _ => 500 };
        var font = new Option<string?>("--font") { Description = "a TrueType/OpenType font file for the text (default: a sans-serif font of the system's)" };
        var csv = new Option<string?>("--csv") { Description = "with a strength file: also write its points as CSV (step, series, value, low, high) to this file" };
        var command = new Command("plot", "Draw learning curves or loss components of runs and experiments, or strength against training step, as a PNG")
        {
            paths, metric, x, output, width, height, font, csv,
        };
        command.SetAction(parse => CliError.Guard(() =>
        {
            string[] given = parse.GetValue(paths)!;
            if (given.Any(File.Exists))
            {
                if (given.Length > 1) throw new ArgumentException($"a strength file is plotted on its own; got {given.Length} paths");
                if (parse.GetValue(metric) is not null) throw new ArgumentException("--metric is for run directories; a strength file has one measure");
                if (parse.GetValue(x) != "updates") throw new ArgumentException("--x: a strength file is drawn against training step (updates) only");
                return RunStrength(given[0], parse.GetValue(output), parse.GetValue(csv), parse.GetValue(width), parse.GetValue(height), parse.GetValue(font));
            }
            if (parse.GetValue(csv) is not null) throw new ArgumentException("--csv is for a strength file (see scripts/strength-vs-step.sh)");
            return Run(given, parse.GetValue(metric), parse.GetValue(x)!, parse.GetValue(output), parse.GetValue(width), parse.GetValue(height), parse.GetValue(font));
        }));
        return command;
    }

    /// <summary>
    /// A strength file (<see cref="StrengthLog"/>): each series (an opponent, or a test set) as a line with its 95% interval
    /// shaded, against training step; match scores from 0 to 1, mistake rates in percent.
    /// </summary>
    private static int RunStrength(string path, string? output, string? csvPath, int width, int height, string? fontPath)
    {
        CheckImage(output, width, height, fontPath);
        if (csvPath is not null && Path.GetFullPath(csvPath) == Path.GetFullPath(path)) throw new ArgumentException($"--csv {csvPath}: that is the strength file itself");
        StrengthLog log;
        try
        {
            log = StrengthLog.Read(path);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
        string file = output ?? Path.ChangeExtension(path, ".png");
        bool percent = log.Measure == StrengthMeasure.MistakeRate;
        double scale = percent ? 100 : 1;
        var curves = log.Series.Select(series =>
        {
            var points = log.Points.Where(p => p.Series == series).ToArray();
            return new Curve(series, [.. points.Select(p => (double)p.Step)], [.. points.Select(p => p.Value * scale)],
                [.. points.Select(p => p.Low * scale)], [.. points.Select(p => p.High * scale)], Markers: points.Length <= 60);
        }).ToList();
        using (var csv = csvPath is null ? null : OutputFile.Open(csvPath, "--csv"))
        using (var png = OutputFile.Open(file, "--out"))
        {
            string measure = percent ? "mistake rate (%), 95% Wilson interval" : "score, 95% interval";
            byte[] image = Draw(curves, [measure], "updates", width, height, fontPath,
                title: percent ? "mistake rate on test positions against training step" : "match score against training step",
                legend: percent ? Alignment.UpperRight : Alignment.LowerRight);
            png.SetLength(0);
            png.Write(image);
            if (csv is not null)
            {
                csv.SetLength(0);
                csv.Write(System.Text.Encoding.UTF8.GetBytes(log.ToCsv()));
            }
        }
        Console.WriteLine(file);
        if (csvPath is not null) Console.WriteLine(csvPath);
        return 0;
    }

    private static void CheckImage(string? output, int width, int height, string? fontPath)
    {
        if (width is < 100 or > 10_000) throw new ArgumentException($"--width must be in [100, 10000], got {width}");
        if (height is < 100 or > 10_000) throw new ArgumentException($"--height must be in [100, 10000], got {height}");
        if (output is not null && !output.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"--out {output}: the plot is a PNG; name the file *.png");
        if (fontPath is not null && !File.Exists(fontPath)) throw new ArgumentException($"--font {fontPath}: no such file");
    }

    /// <summary>One line to draw, with the shaded interval of an experiment's mean.</summary>
    private sealed record Curve(string Label, double[] X, double[] Y, double[]? Low, double[]? High, bool Markers);

    private static int Run(string[] paths, string? metricList, string x, string? output, int width, int height, string? fontPath)
    {
        if (!Axes.Contains(x)) throw new ArgumentException($"--x '{x}': expected one of {string.Join(", ", Axes)}");
        CheckImage(output, width, height, fontPath);
        if (output is null && paths.Length > 1) throw new ArgumentException("--out is required when plotting several directories");

        var curves = new List<Curve>();
        var metricsDrawn = new List<string>();
        foreach (string path in paths)
        {
            if (!Directory.Exists(path)) throw new ArgumentException($"{path}: no such run or experiment directory");
            foreach (var (metric, curve) in ExperimentDirectory.IsExperiment(path) ? ExperimentCurves(path, metricList, x, paths.Length > 1) : RunCurves(path, metricList, x, paths.Length > 1))
            {
                curves.Add(curve);
                if (!metricsDrawn.Contains(metric)) metricsDrawn.Add(metric);
            }
        }
        if (curves.All(c => c.X.Length == 0))
            throw new ArgumentException($"nothing to draw: no point of {string.Join(", ", metricsDrawn)} says its {x}");

        string file = output ?? Path.Combine(paths[0], string.Join("_", metricsDrawn.Count > 1 && metricList == LossGroup ? [LossGroup] : metricsDrawn) + ".png");
        using (var png = OutputFile.Open(file, "--out"))
        {
            byte[] image = Draw(curves, metricsDrawn, x, width, height, fontPath);
            png.SetLength(0);
            png.Write(image);
        }
        Console.WriteLine(file);
        return 0;
    }

    private static IEnumerable<(string Metric, Curve Curve)> RunCurves(string path, string? metricList, string x, bool severalPaths)
    {
        var log = MetricsLog.ReadRun(path);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        var metrics = Resolve(metricList, log.Metrics, log.EvaluationScore, path);
        foreach (string metric in metrics)
        {
            var points = log.Series(metric).Where(p => X(p.Step, p.EnvironmentSteps, p.ElapsedSeconds, x) is not null).ToArray();
            yield return (metric, new Curve(Label(name, metric, metrics.Count, severalPaths),
                [.. points.Select(p => X(p.Step, p.EnvironmentSteps, p.ElapsedSeconds, x)!.Value)], [.. points.Select(p => p.Value)],
                null, null, Markers: points.Length <= 60));
        }
    }

    private static IEnumerable<(string Metric, Curve Curve)> ExperimentCurves(string path, string? metricList, string x, bool severalPaths)
    {
        var experiment = ExperimentDirectory.Open(path);
        var logs = experiment.Manifest.Seeds.Select(experiment.SeedPath).Where(run => File.Exists(Path.Combine(run, MetricsLog.FileName))).Select(MetricsLog.ReadRun).ToArray();
        if (logs.Length == 0) throw new ArgumentException($"{path}: no seed of the experiment has metrics yet");
        string[] available = [.. logs.SelectMany(l => l.Metrics).Distinct()];
        string name = Path.GetFileName(experiment.Root);
        var metrics = Resolve(metricList, available, experiment.ScoreMetric, path);
        foreach (string metric in metrics)
        {
            var aggregate = ExperimentAggregate.Compute(metric, experiment.Curves(metric));
            var points = aggregate.Points.Where(p => X(p.Step, p.EnvironmentSteps, p.ElapsedSeconds, x) is not null).ToArray();
            int seeds = aggregate.Points.Select(p => p.Runs).DefaultIfEmpty(0).Max();
            string label = $"{Label(name, metric, metrics.Count, severalPaths)} (mean of {seeds} seeds, {aggregate.Confidence * 100:F0}% CI)";
            yield return (metric, new Curve(label,
                [.. points.Select(p => X(p.Step, p.EnvironmentSteps, p.ElapsedSeconds, x)!.Value)], [.. points.Select(p => p.Mean)],
                [.. points.Select(p => p.MeanInterval.Low)], [.. points.Select(p => p.MeanInterval.High)], Markers: points.Length <= 60));
        }
    }

    /// <summary>A line's legend: the directory when it draws one metric, the metric when one directory draws several, else both.</summary>
    private static string Label(string directory, string metric, int metrics, bool severalPaths) =>
        metrics == 1 ? directory : severalPaths ? $"{directory}: {metric}" : metric;

    /// <summary>The metrics <paramref name="metricList"/> asks for, each checked against the <paramref name="available"/> ones.</summary>
    private static List<string> Resolve(string? metricList, IReadOnlyList<string> available, string? score, string path)
    {
        string Known() => available.Count == 0 ? $"{path}: its {MetricsLog.FileName} holds no metrics yet" : $"its metrics are {string.Join(", ", available)}";
        if (metricList is null)
        {
            if (score is not null && available.Contains(score)) return [score];
            throw new ArgumentException($"{path}: no evaluation yet, so no score to draw; choose one with --metric ({Known()})");
        }
        var metrics = new List<string>();
        foreach (string requested in metricList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (requested == LossGroup && available.Any(IsLoss)) metrics.AddRange(available.Where(IsLoss));
            else if (available.Contains(requested)) metrics.Add(requested);
            else throw new ArgumentException($"--metric '{requested}': {path} has no such metric; {Known()}");
        }
        return [.. metrics.Distinct()];
    }

    private static bool IsLoss(string metric) => metric == LossGroup || metric.EndsWith("_" + LossGroup, StringComparison.Ordinal);

    private static double? X(long step, double? envSteps, double? seconds, string axis) => axis switch
    {
        "updates" => step,
        "env_steps" => envSteps,
        _ => seconds / 60,
    };

    /// <summary>The PNG of the curves, <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    private static byte[] Draw(List<Curve> curves, List<string> metrics, string x, int width, int height, string? fontPath, string? title = null, Alignment? legend = null)
    {
        var plot = new Plot();
        UseFont(plot, fontPath);
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            if (curve.X.Length == 0) continue;
            var color = palette.GetColor(i);
            if (curve.Low is not null && curve.High is not null)
            {
                var band = plot.Add.FillY(curve.X, curve.Low, curve.High);
                band.FillColor = color.WithAlpha(0.25);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(curve.X, curve.Y, color);
            line.LegendText = curve.Label;
            line.LineWidth = 2;
            line.MarkerSize = curve.Markers ? 5 : 0;
        }
        plot.Title(title ?? string.Join(", ", metrics));
        plot.XLabel(x switch { "updates" => "updates", "env_steps" => "environment steps", _ => "wall time (minutes)" });
        plot.YLabel(metrics.Count == 1 ? metrics[0] : metrics.All(IsLoss) ? LossGroup : "value");
        // Losses fall from the upper left and returns rise to the upper right: put the legend where the curves are not.
        plot.ShowLegend(legend ?? (metrics.All(IsLoss) ? Alignment.UpperRight : Alignment.UpperLeft));
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// SkiaSharp's bundled native library reads fonts from the usual font folders itself (no fontconfig); on a machine
    /// without any, text would silently be missing, so say so and how to fix it.
    /// </summary>
    private static void UseFont(Plot plot, string? fontPath)
    {
        if (fontPath is not null)
        {
            Fonts.AddFontFile("muzero-plot", fontPath);
            plot.Font.Set("muzero-plot");
            return;
        }
        // With no fonts at all Skia still lists one family, without a name (its empty typeface).
        string[] families = [.. SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrEmpty(f))];
        if (families.Length == 0)
        {
            Console.Error.WriteLine("warning: no fonts found, so the plot has no text; install some (Debian/Ubuntu: apt-get install fonts-dejavu-core) or pass --font FILE.ttf");
            return;
        }
        // Skia's own default is the first family it finds, often a serif one; ScottPlot's "Sans" falls back to that.
        string? sans = PreferredSans.FirstOrDefault(families.Contains)
                       ?? families.FirstOrDefault(f => f.Contains("Sans", StringComparison.Ordinal) && !f.Contains("Mono", StringComparison.Ordinal));
        if (sans is not null) plot.Font.Set(sans);
    }

    private static readonly string[] PreferredSans = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans"];
}
