using System.Buffers.Binary;
using MuZero.Training.Configuration;
using MuZero.Training.Experiments;
using SkiaSharp;

namespace MuZero.Cli.Tests;

/// <summary><c>muzero plot</c> on a hand-written run directory (Fixtures/cartpole-run) and an experiment made of copies of it.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PlotCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture => Path.Combine(CommandLineTests.RepoRoot(), "tests", "Cli.Tests", "Fixtures", "cartpole-run");

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path}: only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Pixels within a small distance of <paramref name="color"/> (ScottPlot's Category10 palette draws line i in color i).</summary>
    private static int PixelsOf(string path, SKColor color)
    {
        using var bitmap = SKBitmap.Decode(path);
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) < 30) count++;
            }
        return count;
    }

    private static readonly SKColor[] Category10 = [new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28)];

    [Fact]
    public void LearningCurveIsAPngOfTheRequestedSize()
    {
        string png = Path.Combine(_dir, "curve.png");
        var (code, output, error) = CommandLineTests.Run("plot", Fixture, "--out", png, "--width", "640", "--height", "360");
        Assert.True(code == 0, error);
        Assert.Equal(png, output.Trim());
        Assert.Equal((640, 360), PngSize(png));
        Assert.True(PixelsOf(png, Category10[0]) > 200, "the curve was not drawn");

        (code, _, error) = CommandLineTests.Run("plot", Fixture, "--out", png, "--x", "env_steps", "--width", "300", "--height", "200");
        Assert.True(code == 0, error);
        Assert.Equal((300, 200), PngSize(png));
    }

    [Fact]
    public void LossDrawsEveryComponent()
    {
        string png = Path.Combine(_dir, "loss.png");
        var (code, _, error) = CommandLineTests.Run("plot", Fixture, "--metric", "loss", "--x", "wall_time", "--out", png);
        Assert.True(code == 0, error);
        Assert.Equal((800, 500), PngSize(png));
        foreach (var color in Category10) // loss, value_loss, reward_loss, policy_loss
            Assert.True(PixelsOf(png, color) > 100, $"no line in color {color}");
    }

    [Fact]
    public void ExperimentIsTheMeanWithItsIntervalShaded()
    {
        string experiment = Path.Combine(_dir, "exp");
        ExperimentDirectory.Create(experiment, new ExperimentManifest("fixture", [], [1, 2, 3], new ExperimentConfig()));
        string metrics = File.ReadAllText(Path.Combine(Fixture, "metrics.jsonl"));
        for (int seed = 1; seed <= 3; seed++)
        {
            Directory.CreateDirectory(Path.Combine(experiment, $"seed-{seed}"));
            // Seeds differ in their returns so the interval has a width.
            File.WriteAllText(Path.Combine(experiment, $"seed-{seed}", "metrics.jsonl"), metrics.Replace("\"std_return\"", $"\"seed\":{seed},\"std_return\"")
                .Replace("\"mean_return\":110.0", $"\"mean_return\":{60 * seed}.0").Replace("\"mean_return\":190.0", $"\"mean_return\":{100 * seed}.0"));
        }
        string png = Path.Combine(_dir, "experiment.png");
        var (code, _, error) = CommandLineTests.Run("plot", experiment, "--out", png, "--width", "500", "--height", "400");
        Assert.True(code == 0, error);
        Assert.Equal((500, 400), PngSize(png));
        Assert.True(PixelsOf(png, Category10[0]) > 100, "the mean was not drawn");
        // The band: Category10[0] at 25% opacity over white.
        Assert.True(PixelsOf(png, new SKColor(0xc7, 0xdd, 0xec)) > 1000, "the interval was not shaded");

        // Without --out a single directory gets METRIC.png inside it.
        (code, var output, error) = CommandLineTests.Run("plot", experiment);
        Assert.True(code == 0, error);
        Assert.Equal(Path.Combine(experiment, "mean_return.png"), output.Trim());
    }

    [Fact]
    public void MissingMetricsAndUnknownMetricsAreOneErrorLine()
    {
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        var (code, _, error) = CommandLineTests.Run("plot", empty, "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {empty}: no metrics.jsonl (not a run directory, or a run that has not started)", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("plot", Fixture, "--metric", "return", "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(1, code);
        Assert.Equal($"error: --metric 'return': {Fixture} has no such metric; its metrics are episodes, recent_return, loss, value_loss, reward_loss, policy_loss, " +
                     "learning_rate, updates_per_second, env_steps_per_second, replay_steps, mean_return, std_return", CommandLineTests.ErrorLine(error));

        (code, _, error) = CommandLineTests.Run("plot", Fixture, "--x", "time", "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(1, code);
        Assert.Equal("error: --x 'time': expected one of updates, env_steps, wall_time", CommandLineTests.ErrorLine(error));
        Assert.False(File.Exists(Path.Combine(_dir, "x.png")));

        string unwritable = Path.Combine(_dir, "no-such-folder", "x.png");
        (code, var output, error) = CommandLineTests.Run("plot", Fixture, "--out", unwritable);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: --out {unwritable}: cannot write the file: ", CommandLineTests.ErrorLine(error));
    }

    [Fact]
    public void StrengthFileIsDrawnWithItsIntervalsAndWrittenAsCsv()
    {
        // Two checkpoints' test-position reports (as strength-vs-step.sh collects them), two sets each.
        string strength = Path.Combine(_dir, "strength.jsonl");
        File.WriteAllLines(strength,
        [
            """{"training_step":400,"sets":[{"set":"Test_L3_R1","mistake_rate":0.1,"mistake_rate_low":0.08,"mistake_rate_high":0.12},{"set":"Test_L2_R1","mistake_rate":0.3,"mistake_rate_low":0.27,"mistake_rate_high":0.33}]}""",
            """{"training_step":0,"sets":[{"set":"Test_L3_R1","mistake_rate":0.5,"mistake_rate_low":0.47,"mistake_rate_high":0.53},{"set":"Test_L2_R1","mistake_rate":0.6,"mistake_rate_low":0.57,"mistake_rate_high":0.63}]}""",
        ]);
        string csv = Path.Combine(_dir, "strength.csv");
        var (code, output, error) = CommandLineTests.Run("plot", strength, "--csv", csv, "--width", "500", "--height", "300");
        Assert.True(code == 0, error);
        string png = Path.Combine(_dir, "strength.png");
        Assert.Equal([png, csv], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal((500, 300), PngSize(png));
        Assert.True(PixelsOf(png, Category10[0]) > 100, "no line for Test_L3_R1");
        Assert.True(PixelsOf(png, Category10[1]) > 100, "no line for Test_L2_R1");
        Assert.Equal("step,series,mistake_rate,low,high\n0,Test_L3_R1,0.5,0.47,0.53\n400,Test_L3_R1,0.1,0.08,0.12\n0,Test_L2_R1,0.6,0.57,0.63\n400,Test_L2_R1,0.3,0.27,0.33\n",
            File.ReadAllText(csv));

        File.AppendAllLines(strength, ["""{"training_step":800,"opponent":"random","score":0.5,"score_low":0.4,"score_high":0.6}"""]);
        (code, _, error) = CommandLineTests.Run("plot", strength);
        Assert.Equal(1, code);
        Assert.Equal($"error: {strength}:3: expected a test-position (mistake rate) report like the lines before, got a match (score) report; one strength file holds one kind",
            CommandLineTests.ErrorLine(error));
        (code, _, error) = CommandLineTests.Run("plot", strength, "--metric", "loss");
        Assert.Equal("error: --metric is for run directories; a strength file has one measure", CommandLineTests.ErrorLine(error));
        (code, _, error) = CommandLineTests.Run("plot", Fixture, "--csv", csv);
        Assert.Equal("error: --csv is for a strength file (see scripts/strength-vs-step.sh)", CommandLineTests.ErrorLine(error));
    }
}
