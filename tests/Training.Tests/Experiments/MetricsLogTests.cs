using MuZero.Training.Runs;

namespace MuZero.Training.Tests.Experiments;

public sealed class MetricsLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-metrics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MetricsLog Write(string text)
    {
        File.WriteAllText(Path.Combine(_dir, "metrics.jsonl"), text);
        return MetricsLog.ReadRun(_dir);
    }

    [Fact]
    public void NumericFieldsAreMetricsPlacedByStepEnvironmentStepsAndTime()
    {
        var log = Write("""
            {"kind":"train","time":"t","step":10,"env_steps":40,"episodes":2,"recent_return":null,"loss":3.5,"value_loss":1.5,"elapsed_seconds":1.25}
            {"kind":"evaluation","time":"t","step":10,"episodes":5,"mean_return":21.5,"std_return":2}
            {"kind":"train","time":"t","step":20,"env_steps":80,"episodes":3,"recent_return":9,"loss":2.5,"value_loss":1,"elapsed_seconds":2.5}
            {"kind":"evaluation","time":"t","step":25,"env_steps":100,"elapsed_seconds":3,"episodes":5,"mean_return":30,"std_return":1}

            """);
        Assert.Equal(["episodes", "loss", "value_loss", "mean_return", "std_return", "recent_return"], log.Metrics);
        Assert.Equal("mean_return", log.EvaluationScore);
        // The first evaluation predates env_steps in evaluation records: the train record of its update places it.
        Assert.Equal([new MetricPoint(10, 40, 1.25, 21.5), new MetricPoint(25, 100, 3, 30)], log.Series("mean_return"));
        Assert.Equal([new MetricPoint(20, 80, 2.5, 9)], log.Series("recent_return"));
        var e = Assert.Throws<ArgumentException>(() => log.Series("return"));
        Assert.Equal($"{Path.Combine(_dir, "metrics.jsonl")}: no metric 'return'; the metrics are episodes, loss, value_loss, mean_return, std_return, recent_return", e.Message);
    }

    [Fact]
    public void TwoPlayerEvaluationsGetTheirScoreAndSharedFieldsAreQualified()
    {
        var log = Write("""
            {"kind":"evaluation","step":0,"games":20,"wins":5,"draws":10,"losses":5,"rate":1}
            {"kind":"train","step":0,"loss":1,"rate":2}
            """);
        Assert.Equal("score", log.EvaluationScore);
        Assert.Equal(0.5, Assert.Single(log.Series("score")).Value);
        Assert.Equal(2, Assert.Single(log.Series("train.rate")).Value);
        Assert.Equal(1, Assert.Single(log.Series("evaluation.rate")).Value);
        Assert.DoesNotContain("rate", log.Metrics);
    }

    [Fact]
    public void BadLinesAndMissingFilesAreNamed()
    {
        Assert.Throws<FileNotFoundException>(() => MetricsLog.ReadRun(Path.Combine(_dir, "none")));
        var e = Assert.Throws<InvalidDataException>(() => Write("{\"step\":1}\n{\"kind\":\"train\"}\n"));
        Assert.Equal($"{Path.Combine(_dir, "metrics.jsonl")}:2: expected a JSON object with a numeric \"step\"", e.Message);
    }
}
