using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MuZero.Training.Configuration;
using MuZero.Training.Runs;

namespace MuZero.Training.Experiments;

/// <summary>
/// Sample efficiency across the seeds of an experiment: for each seed, the first evaluation that reached
/// <see cref="Goal"/> (its update, environment steps and seconds of training), or none; and the mean and range over
/// the seeds that reached it. A seed that did not reach the goal is reported as such and left out of the means
/// (<see cref="Reached"/> says how many count).
/// </summary>
/// <param name="Goal">The goal (the config's <c>evaluation.stop_at</c>).</param>
/// <param name="Seeds">Per seed, in the experiment's order.</param>
public sealed record GoalSummary(EvaluationGoal Goal, IReadOnlyList<SeedGoal> Seeds)
{
    /// <summary>The seeds that reached the goal.</summary>
    public int Reached => Seeds.Count(s => s.ReachedAt is not null);

    /// <summary>The metric a goal reads: <c>losses</c> (two-player) or <c>mean_return</c> (single-player).</summary>
    public static string Metric(EvaluationGoal goal) => goal.MaxLosses is not null ? "losses" : "mean_return";

    /// <summary>Finds each curve's first point that reaches <paramref name="goal"/>; <paramref name="curves"/> hold <see cref="Metric"/>.</summary>
    public static GoalSummary Compute(EvaluationGoal goal, IReadOnlyList<SeedCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var seeds = new List<SeedGoal>();
        foreach (var curve in curves)
        {
            MetricPoint? reached = null;
            foreach (var point in curve.Points)
            {
                if (!goal.IsReachedBy(point.Value)) continue;
                reached = point;
                break;
            }
            seeds.Add(new SeedGoal(curve.Seed, reached, curve.Points.Count > 0 ? curve.Points[^1].Step : null));
        }
        return new GoalSummary(goal, seeds);
    }

    /// <summary>Mean of <paramref name="select"/> over the seeds that reached the goal and say it; null when none does.</summary>
    public double? Mean(Func<MetricPoint, double?> select)
    {
        double[] values = [.. Seeds.Where(s => s.ReachedAt is not null).Select(s => select(s.ReachedAt!.Value)).OfType<double>()];
        return values.Length > 0 ? values.Average() : null;
    }

    /// <summary>A Markdown table: one row per seed, then the means over the seeds that reached the goal.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Goal {Goal}: reached by {Reached} of {Seeds.Count} seeds (first evaluation that reached it)");
        text.AppendLine();
        text.AppendLine("| seed | update | env steps | seconds of training |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var s in Seeds)
        {
            text.AppendLine(s.ReachedAt is MetricPoint p
                ? string.Create(CultureInfo.InvariantCulture, $"| {s.Seed} | {p.Step} | {p.EnvironmentSteps} | {p.ElapsedSeconds:F0} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {s.Seed} | not reached (evaluated up to update {s.LastEvaluatedStep?.ToString(CultureInfo.InvariantCulture) ?? "none"}) | | |"));
        }
        if (Reached > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| mean of {Reached} | {Mean(p => p.Step):F0} | {Mean(p => p.EnvironmentSteps):F0} | {Mean(p => p.ElapsedSeconds):F0} |");
        }
        return text.ToString();
    }

    /// <summary>The summary as JSON (<c>goal.json</c>).</summary>
    public string ToJson()
    {
        var seeds = new JsonArray();
        foreach (var s in Seeds)
        {
            seeds.Add(new JsonObject
            {
                ["seed"] = s.Seed,
                ["reached"] = s.ReachedAt is not null,
                ["step"] = s.ReachedAt?.Step,
                ["env_steps"] = s.ReachedAt?.EnvironmentSteps,
                ["elapsed_seconds"] = s.ReachedAt?.ElapsedSeconds,
                ["value"] = s.ReachedAt?.Value,
                ["last_evaluated_step"] = s.LastEvaluatedStep,
            });
        }
        var root = new JsonObject
        {
            ["goal"] = Goal.ToString(),
            ["metric"] = Metric(Goal),
            ["reached"] = Reached,
            ["seeds_total"] = Seeds.Count,
            ["mean_step"] = Mean(p => p.Step),
            ["mean_env_steps"] = Mean(p => p.EnvironmentSteps),
            ["mean_elapsed_seconds"] = Mean(p => p.ElapsedSeconds),
            ["seeds"] = seeds,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>One seed's first evaluation that reached the goal (null: none did), and its last evaluated update.</summary>
public sealed record SeedGoal(ulong Seed, MetricPoint? ReachedAt, long? LastEvaluatedStep);
