using MuZero.Training.Experiments;
using MuZero.Training.Runs;
using MuZero.Training.Statistics;

namespace MuZero.Training.Tests.Experiments;

public sealed class ExperimentAggregateTests
{
    private static MetricPoint At(long step, double value) => new(step, step * 4, step / 10.0, value);

    [Fact]
    public void SeedsAreAlignedByUpdateAndPointsMissingInSomeSeedsUseTheOthers()
    {
        SeedCurve[] curves =
        [
            new(1, [At(0, 10), At(100, 20), At(200, 30)]),
            new(2, [At(0, 12), At(100, 40)]), // stopped early
            new(3, [At(0, 14), At(100, 60), At(200, 50), At(300, 70)]),
        ];
        var aggregate = ExperimentAggregate.Compute("mean_return", curves);
        Assert.Equal([0L, 100, 200, 300], aggregate.Points.Select(p => p.Step));
        Assert.Equal([3, 3, 2, 1], aggregate.Points.Select(p => p.Runs));
        Assert.Equal([12.0, 40, 40, 70], aggregate.Points.Select(p => p.Mean));
        Assert.Equal([1UL, 3], aggregate.Points[2].Seeds);
        Assert.Equal([30.0, 50], aggregate.Points[2].Values);
        Assert.Equal(400, aggregate.Points[1].EnvironmentSteps);
        Assert.Equal(10, aggregate.Points[1].ElapsedSeconds);
        // Three or fewer runs: nothing is trimmed, the IQM is the mean.
        Assert.Equal(40, aggregate.Points[1].InterquartileMean);
        Assert.Equal(StratifiedBootstrap.Interval([[20, 40, 60]], s => PointEstimates.Mean(s)), aggregate.Points[1].MeanInterval);
        // One run: the interval is that run's value.
        Assert.Equal(new ConfidenceInterval(70, 70), aggregate.Points[3].MeanInterval);
    }

    [Fact]
    public void CsvHasOneRowPerPointWithItsColumns()
    {
        SeedCurve[] curves = [new(1, [At(0, 1), new MetricPoint(50, null, null, 2)]), new(2, [At(0, 3)])];
        string[] lines = ExperimentAggregate.Compute("score", curves).ToCsv().TrimEnd('\n').Split('\n');
        Assert.Equal("step,runs,env_steps,elapsed_seconds,mean,mean_ci_low,mean_ci_high,iqm,iqm_ci_low,iqm_ci_high", lines[0]);
        Assert.Equal("50,1,,,2,2,2,2,2,2", lines[2]);
        string[] first = lines[1].Split(',');
        Assert.Equal(["0", "2", "0", "0", "2"], first[..5]);
        Assert.Equal(10, first.Length);
    }

    [Fact]
    public void ExperimentDirectoryAggregatesTheSeedsEvaluationScores()
    {
        string root = Directory.CreateTempSubdirectory("muzero-experiment-").FullName;
        try
        {
            var manifest = new ExperimentManifest("configs/tictactoe.json", ["training.training_steps=300"], [4, 5],
                new Configuration.ExperimentConfig { Environment = new Configuration.EnvironmentConfig { Name = "tictactoe" } });
            var experiment = ExperimentDirectory.Create(Path.Combine(root, "exp"), manifest);
            Directory.CreateDirectory(experiment.SeedPath(4));
            File.WriteAllText(Path.Combine(experiment.SeedPath(4), "metrics.jsonl"),
                """{"kind":"evaluation","step":100,"env_steps":900,"elapsed_seconds":3.5,"opponent":"random","games":10,"wins":6,"draws":2,"losses":2}""" + "\n");
            // seed 5 has not started: it is left out.
            var aggregate = experiment.WriteAggregate();
            Assert.Equal("score", aggregate.Metric);
            var point = Assert.Single(aggregate.Points);
            Assert.Equal((100L, 1, 0.7), (point.Step, point.Runs, point.Mean));
            Assert.StartsWith(ExperimentAggregate.CsvHeader + "\n100,1,900,3.5,0.7,", File.ReadAllText(experiment.AggregateCsvPath));
            Assert.Contains("\"bootstrap_resamples\": 2000", File.ReadAllText(experiment.AggregateJsonPath));

            var reopened = ExperimentDirectory.Open(experiment.Root);
            Assert.Equal(manifest.Seeds, reopened.Manifest.Seeds);
            Assert.Equal(manifest.Overrides, reopened.Manifest.Overrides);
            Assert.Equal(5UL, reopened.Manifest.ConfigFor(5).Seed);
            Assert.Equal(Configuration.ConfigLoader.ToJson(manifest.Config), Configuration.ConfigLoader.ToJson(reopened.Manifest.Config));
            Assert.Throws<RunDirectoryException>(() => ExperimentDirectory.Create(experiment.Root, manifest));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "config": "x", "overrides": [], "seeds": [], "resolved_config": {} }""", "e.json: seeds must be a non-empty list of distinct seeds, got []")]
    [InlineData("""{ "config": "x", "overrides": [], "seeds": [1, 1], "resolved_config": {} }""", "e.json: seeds must be a non-empty list of distinct seeds, got [1, 1]")]
    [InlineData("""{ "config": "x", "overrides": [], "seeds": ["a"], "resolved_config": {} }""", "e.json: seeds must be a list of non-negative integers, got [\"a\"]")]
    [InlineData("""{ "config": "x", "overrides": [], "seeds": [1] }""", "e.json: resolved_config must be an object, got null")]
    [InlineData("""{ "config": "x", "overrides": [], "seeds": [1], "resolved_config": { "search": { "simulations": 0 } } }""", "e.json (resolved_config): search.simulations must be >= 1, got 0")]
    public void MalformedManifestsAreOneLine(string json, string expected)
    {
        Assert.Equal(expected, Assert.Throws<Configuration.ConfigException>(() => ExperimentManifest.Parse(json, "e.json")).Message);
    }
}
