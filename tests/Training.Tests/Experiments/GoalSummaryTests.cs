using System.Text.Json.Nodes;
using MuZero.Training.Configuration;
using MuZero.Training.Experiments;
using MuZero.Training.Runs;

namespace MuZero.Training.Tests.Experiments;

public sealed class GoalSummaryTests
{
    private static MetricPoint At(long step, double value) => new(step, step * 4, step / 10.0, value);

    [Fact]
    public void EachSeedCountsItsFirstEvaluationAtTheGoalAndTheMeanSkipsSeedsThatMissedIt()
    {
        var goal = new EvaluationGoal { MinMeanReturn = 475 };
        SeedCurve[] curves =
        [
            new(1, [At(1000, 200), At(2000, 480), At(3000, 300), At(4000, 500)]), // first at 2000, not the later 4000
            new(2, [At(1000, 475), At(2000, 500)]),                             // exactly the goal counts
            new(3, [At(1000, 100), At(2000, 474.9)]),                           // never
        ];
        var summary = GoalSummary.Compute(goal, curves);
        Assert.Equal(2, summary.Reached);
        Assert.Equal(2000, summary.Seeds[0].ReachedAt!.Value.Step);
        Assert.Equal(1000, summary.Seeds[1].ReachedAt!.Value.Step);
        Assert.Null(summary.Seeds[2].ReachedAt);
        Assert.Equal(2000, summary.Seeds[2].LastEvaluatedStep);
        Assert.Equal(1500, summary.Mean(p => p.Step));
        Assert.Equal(6000, summary.Mean(p => p.EnvironmentSteps));
        Assert.Equal(150, summary.Mean(p => p.ElapsedSeconds));

        var json = JsonNode.Parse(summary.ToJson())!;
        Assert.Equal(2, (int)json["reached"]!);
        Assert.Equal(6000.0, (double)json["mean_env_steps"]!);
        Assert.False((bool)json["seeds"]![2]!["reached"]!);
        Assert.Contains("| 3 | not reached (evaluated up to update 2000) | | |", summary.ToTable());
    }

    [Fact]
    public void LossGoalsReadTheLossCount()
    {
        var goal = new EvaluationGoal { MaxLosses = 0 };
        Assert.Equal("losses", GoalSummary.Metric(goal));
        var summary = GoalSummary.Compute(goal, [new SeedCurve(1, [At(5000, 12), At(10000, 1), At(15000, 0)])]);
        Assert.Equal(15000, summary.Seeds[0].ReachedAt!.Value.Step);
        Assert.Null(GoalSummary.Compute(goal, [new SeedCurve(2, [])]).Mean(p => p.Step));
    }
}
