using System.Text.Json;

namespace MuZero.Cli.Tests;

/// <summary><c>evaluate --config FILE --policy random</c> and <c>bench --environments</c>: no checkpoint, no torch.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class RandomPolicyEvaluateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-random-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string environment)
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, $$"""{ "environment": {{environment}}, "network": { "kind": "resnet", "blocks": 1, "channels": 8 } }""");
        return path;
    }

    [Fact]
    public void ReportsMeanStandardErrorAndMedianAsTextAndJson()
    {
        string config = Config("""{ "name": "minatar-breakout", "sticky_action_probability": 0.1 }""");
        string json = Path.Combine(_dir, "random.json");
        var (code, output, error) = CommandLineTests.Run("evaluate", "--config", config, "--policy", "random", "--episodes", "200", "--seed", "3", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("minatar-breakout (sticky_action_probability 0.1, full action set): 200 episodes, uniformly random policy, seed 3", output);
        Assert.Contains("return: mean ", output);
        Assert.Contains("(standard error), median ", output);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("minatar-breakout", root.GetProperty("environment").GetString());
        Assert.Equal("random", root.GetProperty("policy").GetString());
        Assert.Equal(0.1, root.GetProperty("environment_options").GetProperty("sticky_action_probability").GetDouble());
        var returns = root.GetProperty("returns");
        Assert.Equal(200, returns.GetProperty("episodes").GetInt32());
        double mean = returns.GetProperty("mean_return").GetDouble();
        double standardError = returns.GetProperty("standard_error").GetDouble();
        Assert.Equal(returns.GetProperty("std_return").GetDouble() / Math.Sqrt(200), standardError, 9);
        Assert.InRange(mean, 0.2, 1.2); // a random Breakout policy breaks about half a brick
        Assert.True(root.GetProperty("mean_episode_steps").GetDouble() > 6); // the ball needs 6 steps to reach the paddle

        var (again, stdout, _) = CommandLineTests.Run("evaluate", "--config", config, "--policy", "random", "--episodes", "200", "--seed", "3", "--json");
        Assert.Equal(0, again);
        using var printed = JsonDocument.Parse(stdout);
        Assert.Equal(mean, printed.RootElement.GetProperty("returns").GetProperty("mean_return").GetDouble());
    }

    [Theory]
    [InlineData(new[] { "--policy", "greedy" }, "error: --policy: unknown policy 'greedy'; known: random")]
    [InlineData(new[] { "--policy", "random" }, "error: --policy random needs --config FILE")]
    [InlineData(new[] { "--policy", "random", "--checkpoint", "x.ckpt" }, "error: --checkpoint does not go with --policy random")]
    [InlineData(new string[0], "error: --checkpoint is required (or --config FILE --policy random)")]
    public void MisusedOptionsAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = CommandLineTests.Run(["evaluate", .. args]);
        Assert.Equal(1, code);
        Assert.Equal(expected, CommandLineTests.ErrorLine(error));
    }

    [Fact]
    public void TwoPlayerGamesAreRefused()
    {
        var (code, _, error) = CommandLineTests.Run("evaluate", "--config", Config("""{ "name": "connect4" }"""), "--policy", "random");
        Assert.Equal(1, code);
        Assert.Equal("error: --policy random: connect4 is a two-player game; use --opponent random with a checkpoint", CommandLineTests.ErrorLine(error));
    }

    [Fact]
    public void BenchMeasuresEnvironmentStepsWithAndWithoutObservations()
    {
        string json = Path.Combine(_dir, "bench.json");
        var (code, output, error) = CommandLineTests.Run("bench", "--environments", "minatar-freeway,cartpole", "--environment-games", "4", "--environment-seconds", "0.05", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("| minatar-freeway | ", output);
        Assert.Contains("| cartpole | ", output);
        using var results = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(4, results.RootElement.GetArrayLength());
        foreach (var result in results.RootElement.EnumerateArray())
        {
            Assert.Equal(4, result.GetProperty("games").GetInt32());
            Assert.True(result.GetProperty("steps").GetInt64() >= 4 * 256);
            Assert.True(result.GetProperty("steps_per_second").GetDouble() > 0);
        }

        var (bad, _, badError) = CommandLineTests.Run("bench", "--environments", "minatar,pong");
        Assert.Equal(1, bad);
        Assert.StartsWith("error: --environments: unknown environment 'pong'; known: minatar, cartpole, ", CommandLineTests.ErrorLine(badError));
    }
}
