using System.Text.Json;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using MuZero.Training.Statistics;
using static TorchSharp.torch;

namespace MuZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class EvaluatePositionsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-evaluate-positions-").FullName;
    private readonly string _connectFour;
    private readonly string _endGames;

    public EvaluatePositionsCommandTests()
    {
        // Untrained networks are enough: the test checks that the command reports exactly what the agent does.
        _connectFour = SaveUntrained("connect4");
        _endGames = Path.Combine(CommandLineTests.RepoRoot(), "tests", "data", "connect4", "Test_L3_R1");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReportsEachFilesMistakesAsTheAgentMakesThem()
    {
        string hand = Write("hand", "172737 18", "716151 18", "", "727364 -18");
        string json = Path.Combine(_dir, "positions.json");
        var (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", _connectFour, "--positions", _endGames, hand,
            "--limit", "30", "--simulations", "3", "--parallel-games", "8", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("| set | positions | mistakes | mistake rate | 95% CI (Wilson) | depth-5 minimax | AlphaZero.jl |", output);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("connect4", root.GetProperty("environment").GetString());
        Assert.Equal(3, root.GetProperty("simulations").GetInt32());
        Assert.Equal("wilson", root.GetProperty("interval_method").GetString());
        var sets = root.GetProperty("sets").EnumerateArray().ToArray();
        Assert.Equal(["Test_L3_R1", "hand"], sets.Select(s => s.GetProperty("set").GetString()));
        Assert.Equal([30, 3], sets.Select(s => s.GetProperty("positions").GetInt32()));
        Assert.Equal(1.4, sets[0].GetProperty("published_minimax_depth5_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, sets[1].GetProperty("published_minimax_depth5_percent").ValueKind);

        // The same agent, loaded and run directly, makes the same mistakes; the rates and intervals follow from the counts.
        using var agent = CheckpointAgent.Load(_connectFour, CPU, 3);
        string[] files = [_endGames, hand];
        for (int i = 0; i < sets.Length; i++)
        {
            var expected = ConnectFourPositionEvaluation.Run(agent, ConnectFourTestSet.Load(files[i]), new ConnectFourSolver(20), 8, limit: 30);
            var s = sets[i];
            int mistakes = s.GetProperty("mistakes").GetInt32();
            Assert.Equal(expected.Mistakes, mistakes);
            Assert.Equal(expected.MistakeList.Select(m => m.Line), s.GetProperty("mistake_list").EnumerateArray().Select(m => m.GetProperty("line").GetInt32()));
            int positions = s.GetProperty("positions").GetInt32();
            Assert.Equal((double)mistakes / positions, s.GetProperty("mistake_rate").GetDouble(), 1e-12);
            var interval = WilsonInterval.Of(mistakes, positions);
            Assert.Equal(interval.Low, s.GetProperty("mistake_rate_low").GetDouble(), 1e-12);
            Assert.Equal(interval.High, s.GetProperty("mistake_rate_high").GetDouble(), 1e-12);
            Assert.Contains($"| {s.GetProperty("set").GetString()} | {positions} | {mistakes} | ", output);
        }
        Assert.Contains("| 1.4% | 0.0% |", output); // Test_L3_R1's published rows

        // --json alone: the JSON on stdout instead of the text.
        (code, output, error) = CommandLineTests.Run("evaluate", "--checkpoint", _connectFour, "--positions", hand, "--simulations", "3", "--json");
        Assert.True(code == 0, error);
        Assert.Equal(3, JsonDocument.Parse(output).RootElement.GetProperty("sets")[0].GetProperty("positions").GetInt32());
    }

    [Fact]
    public void BadInputIsOneErrorLine()
    {
        string good = Write("good", "172737 18");
        string missing = Path.Combine(_dir, "missing");
        Assert.Equal($"error: --positions {missing}: no such file", Error("--checkpoint", _connectFour, "--positions", good, missing));
        string malformed = Write("malformed", "172737 18", "4455");
        Assert.Equal($"error: {malformed}:2: expected '<moves> <score>', got '4455'", Error("--checkpoint", _connectFour, "--positions", malformed));
        string badMove = Write("bad-move", "17a737 18");
        Assert.Equal($"error: {badMove}:1: move 3 of \"17a737\": 'a' is not a column 1..7", Error("--checkpoint", _connectFour, "--positions", badMove));
        string wrongScore = Write("wrong-score", "727364 5");
        Assert.Equal($"error: {wrongScore}:1: score 5 of '727364' says a win for the player to move, but the solver finds a loss",
            Error("--checkpoint", _connectFour, "--positions", wrongScore, "--simulations", "2"));

        string ticTacToe = SaveUntrained("tictactoe");
        Assert.Equal($"error: --positions: {ticTacToe} plays tictactoe, but test positions are Connect Four (connect4) positions",
            Error("--checkpoint", ticTacToe, "--positions", good));
        Assert.Equal("error: --opponent names a match opponent; --positions evaluates test positions instead: give one",
            Error("--checkpoint", _connectFour, "--positions", good, "--opponent", "random"));
        Assert.Equal("error: --games counts match games; --positions evaluates test positions instead: give one",
            Error("--checkpoint", _connectFour, "--positions", good, "--games", "4"));
        Assert.Equal("error: --limit must be >= 1, got 0", Error("--checkpoint", _connectFour, "--positions", good, "--limit", "0"));
        Assert.Equal("error: --limit counts test positions: it needs --positions FILE...", Error("--checkpoint", _connectFour, "--limit", "3"));
        Assert.StartsWith("error: ", Error("--checkpoint", _connectFour, "--positions"));
    }

    private static string Error(params string[] args)
    {
        var (code, output, error) = CommandLineTests.Run(["evaluate", .. args]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        return CommandLineTests.ErrorLine(error);
    }

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string SaveUntrained(string game)
    {
        string path = Path.Combine(_dir, $"{game}.ckpt");
        var config = new ExperimentConfig
        {
            Environment = new EnvironmentConfig { Name = game },
            Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
            Search = new SearchConfig { Simulations = 4, Discount = 1.0 },
        };
        var spec = EnvironmentRegistry.GetSpec(game);
        using var network = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        Checkpoint.Save(path, config, new TrainingCounters(), [1, 2, 3, 4], network, optimizer: null);
        return path;
    }
}
