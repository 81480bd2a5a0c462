using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MuZero.Training.Statistics;

namespace MuZero.Training.Experiments;

/// <summary>
/// A metric aggregated over the seeds of an experiment, point by point: the seeds' curves are aligned by update index,
/// and at each update the seeds that have a value there (a seed that stopped early or evaluated at other updates is
/// left out of that point, and <see cref="AggregatePoint.Runs"/> says how many were counted) give the mean, the
/// interquartile mean and their <see cref="StratifiedBootstrap"/> percentile confidence intervals. One game is one
/// stratum, so the bootstrap resamples seeds with replacement.
/// </summary>
public sealed record ExperimentAggregate(
    string Metric,
    double Confidence,
    int Resamples,
    ulong BootstrapSeed,
    IReadOnlyList<AggregatePoint> Points)
{
    /// <summary>The CSV header of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "step,runs,env_steps,elapsed_seconds,mean,mean_ci_low,mean_ci_high,iqm,iqm_ci_low,iqm_ci_high";

    /// <summary>Aggregates <paramref name="curves"/> (one per seed) of <paramref name="metric"/>.</summary>
    public static ExperimentAggregate Compute(string metric, IReadOnlyList<SeedCurve> curves, double confidence = 0.95,
        int resamples = StratifiedBootstrap.DefaultResamples, ulong bootstrapSeed = StratifiedBootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(curves);
        // A seed with two values at one update (not written by training) counts its last.
        var bySeed = curves.Select(c => (c.Seed, Points: c.Points.GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.Last()))).ToArray();
        var points = new List<AggregatePoint>();
        foreach (long step in bySeed.SelectMany(c => c.Points.Keys).Distinct().Order())
        {
            var present = bySeed.Where(c => c.Points.ContainsKey(step)).Select(c => (c.Seed, Point: c.Points[step])).ToArray();
            double[] values = [.. present.Select(p => p.Point.Value)];
            double[] envSteps = [.. present.Where(p => p.Point.EnvironmentSteps is not null).Select(p => (double)p.Point.EnvironmentSteps!.Value)];
            double[] seconds = [.. present.Where(p => p.Point.ElapsedSeconds is not null).Select(p => p.Point.ElapsedSeconds!.Value)];
            double[][] strata = [values];
            points.Add(new AggregatePoint(step, values.Length,
                envSteps.Length > 0 ? PointEstimates.Mean(envSteps) : null,
                seconds.Length > 0 ? PointEstimates.Mean(seconds) : null,
                PointEstimates.Mean(values),
                StratifiedBootstrap.Interval(strata, s => PointEstimates.Mean(s), confidence, resamples, bootstrapSeed),
                PointEstimates.InterquartileMean(values),
                StratifiedBootstrap.Interval(strata, s => PointEstimates.InterquartileMean(s), confidence, resamples, bootstrapSeed),
                [.. present.Select(p => p.Seed)], values));
        }
        return new ExperimentAggregate(metric, confidence, resamples, bootstrapSeed, points);
    }

    /// <summary>One CSV row per point under <see cref="CsvHeader"/>; numbers in invariant culture, empty where unknown.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var p in Points)
        {
            csv.AppendJoin(',', [
                Format(p.Step), Format(p.Runs), Format(p.EnvironmentSteps), Format(p.ElapsedSeconds),
                Format(p.Mean), Format(p.MeanInterval.Low), Format(p.MeanInterval.High),
                Format(p.InterquartileMean), Format(p.InterquartileMeanInterval.Low), Format(p.InterquartileMeanInterval.High),
            ]).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The aggregate as JSON: the method (metric, confidence, resamples, bootstrap seed) and every point with its seeds' values.</summary>
    public string ToJson()
    {
        var points = new JsonArray();
        foreach (var p in Points)
        {
            points.Add(new JsonObject
            {
                ["step"] = p.Step, ["runs"] = p.Runs, ["env_steps"] = p.EnvironmentSteps, ["elapsed_seconds"] = p.ElapsedSeconds,
                ["mean"] = p.Mean, ["mean_ci_low"] = p.MeanInterval.Low, ["mean_ci_high"] = p.MeanInterval.High,
                ["iqm"] = p.InterquartileMean, ["iqm_ci_low"] = p.InterquartileMeanInterval.Low, ["iqm_ci_high"] = p.InterquartileMeanInterval.High,
                ["seeds"] = new JsonArray([.. p.Seeds.Select(s => JsonValue.Create(s))]),
                ["values"] = new JsonArray([.. p.Values.Select(v => JsonValue.Create(v))]),
            });
        }
        var root = new JsonObject
        {
            ["metric"] = Metric,
            ["x"] = "step",
            ["confidence"] = Confidence,
            ["interval"] = "percentile bootstrap over seeds (stratified by game; one game here), resampling seeds with replacement",
            ["bootstrap_resamples"] = Resamples,
            ["bootstrap_seed"] = BootstrapSeed,
            ["iqm"] = "mean of the values left after dropping the floor(n/4) lowest and highest (scipy trim_mean(x, 0.25))",
            ["points"] = points,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Format(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
