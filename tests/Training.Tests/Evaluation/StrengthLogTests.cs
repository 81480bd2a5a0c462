using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class StrengthLogTests
{
    // Shortened evaluate --json reports, as strength-vs-step.sh appends them (one per checkpoint, not in step order).
    private const string Match200 = """{"checkpoint":"s/step-200.ckpt","training_step":200,"environment":"tictactoe","opponent":"random","games":20,"score":0.75,"score_low":0.53,"score_high":0.89}""";
    private const string Match0 = """{"checkpoint":"s/step-0.ckpt","training_step":0,"environment":"tictactoe","opponent":"random","games":20,"score":0.5,"score_low":0.3,"score_high":0.7}""";
    private const string Positions100 = """{"training_step":100,"environment":"connect4","sets":[{"set":"Test_L3_R1","positions":1000,"mistake_rate":0.1,"mistake_rate_low":0.08,"mistake_rate_high":0.12},{"set":"Test_L2_R1","mistake_rate":0.2,"mistake_rate_low":0.18,"mistake_rate_high":0.23}]}""";
    private const string Positions0 = """{"training_step":0,"environment":"connect4","sets":[{"set":"Test_L3_R1","mistake_rate":0.4,"mistake_rate_low":0.37,"mistake_rate_high":0.43},{"set":"Test_L2_R1","mistake_rate":0.5,"mistake_rate_low":0.47,"mistake_rate_high":0.53}]}""";

    [Fact]
    public void MatchReportsBecomeOneSeriesInStepOrder()
    {
        var log = StrengthLog.Parse([Match200, "", Match0], "f");
        Assert.Equal(StrengthMeasure.Score, log.Measure);
        Assert.Equal(["vs random"], log.Series);
        Assert.Equal([new StrengthPoint("vs random", 0, 0.5, 0.3, 0.7), new StrengthPoint("vs random", 200, 0.75, 0.53, 0.89)], log.Points);
        Assert.Equal("step,series,score,low,high\n0,vs random,0.5,0.3,0.7\n200,vs random,0.75,0.53,0.89\n", log.ToCsv());
    }

    [Fact]
    public void PositionReportsBecomeOneSeriesPerSet()
    {
        var log = StrengthLog.Parse([Positions100, Positions0], "f");
        Assert.Equal(StrengthMeasure.MistakeRate, log.Measure);
        Assert.Equal(["Test_L3_R1", "Test_L2_R1"], log.Series);
        Assert.Equal([0L, 100L, 0L, 100L], log.Points.Select(p => p.Step));
        Assert.Equal([0.4, 0.1, 0.5, 0.2], log.Points.Select(p => p.Value));
        Assert.Equal(new StrengthPoint("Test_L2_R1", 100, 0.2, 0.18, 0.23), log.Points[3]);
        Assert.StartsWith("step,series,mistake_rate,low,high\n0,Test_L3_R1,0.4,0.37,0.43\n", log.ToCsv());
    }

    [Theory]
    [InlineData("not json", "f:1: expected one JSON object per line (an evaluate --json report), got invalid JSON: ")]
    [InlineData("[1,2]", "f:1: expected a JSON object (an evaluate --json report), got Array")]
    [InlineData("""{"training_step":5,"mean_return":3}""", "f:1: expected an evaluate --json report of a match (with 'score') or of test positions (with 'sets'), got neither")]
    [InlineData("""{"score":0.5,"score_low":0.3,"score_high":0.7,"opponent":"random"}""", "f:1: expected 'training_step' an integer >= 0, got nothing")]
    [InlineData("""{"training_step":"5","score":0.5,"score_low":0.3,"score_high":0.7,"opponent":"random"}""", "f:1: expected 'training_step' an integer >= 0, got \"5\"")]
    [InlineData("""{"training_step":5,"score":1.5,"score_low":0.3,"score_high":0.7,"opponent":"random"}""", "f:1: expected 'score' a number in 0..1, got 1.5")]
    [InlineData("""{"training_step":5,"score":0.5,"score_low":0.6,"score_high":0.7,"opponent":"random"}""", "f:1: expected score_low <= score <= score_high, got 0.6 .. 0.5 .. 0.7")]
    [InlineData("""{"training_step":5,"score":0.5,"score_low":0.3,"score_high":0.7}""", "f:1: expected 'opponent' a non-empty string, got nothing")]
    [InlineData("""{"training_step":5,"sets":[]}""", "f:1: expected 'sets' a non-empty array, got []")]
    [InlineData("""{"training_step":5,"sets":[{"mistake_rate":0.1,"mistake_rate_low":0.1,"mistake_rate_high":0.1}]}""", "f:1: expected 'set' a non-empty string, got nothing")]
    public void MalformedLinesAreOneLineNamingThePlace(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => StrengthLog.Parse([line], "f"));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void MixedKindsRepeatedStepsAndEmptyFilesAreRejected()
    {
        Assert.Equal("f:3: expected a match (score) report like the lines before, got a test-position (mistake rate) report; one strength file holds one kind",
            Assert.Throws<FormatException>(() => StrengthLog.Parse([Match0, "", Positions0], "f")).Message);
        Assert.Equal("f: step 0 of 'vs random' is reported twice", Assert.Throws<FormatException>(() => StrengthLog.Parse([Match0, Match0], "f")).Message);
        Assert.Equal("f: no reports (expected one evaluate --json report per line)", Assert.Throws<FormatException>(() => StrengthLog.Parse(["", " "], "f")).Message);
    }
}
