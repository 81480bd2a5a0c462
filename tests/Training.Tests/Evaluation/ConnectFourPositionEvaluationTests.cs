using MuZero.Environments;
using MuZero.Training.Evaluation;
using MuZero.Training.Statistics;

namespace MuZero.Training.Tests.Evaluation;

public sealed class ConnectFourPositionEvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-c4-positions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Plays a fixed column (1..7) in each position, found by its moves, and records the batches it was asked for.</summary>
    private sealed class ScriptedPlayer(Dictionary<string, int> columns) : IPlayer
    {
        public List<int> Batches { get; } = [];

        public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions)
        {
            Batches.Add(environments.Count);
            for (int i = 0; i < environments.Count; i++)
            {
                var position = ConnectFourPosition.FromGame((ConnectFour)environments[i]);
                string moves = columns.Keys.Single(m => ConnectFourPosition.Parse(m) == position);
                actions[i] = columns[moves] - 1;
            }
        }
    }

    // Positions whose move classes are plain by hand (columns 1..7):
    //   172737  X has 1,2,3 on the bottom row and O three in column 7: 4 wins at once, and anything but 4 or 7 lets O win.
    //   716151  its mirror image: 4 wins, anything but 4 or 1 loses.
    //   1213147 O to move has 2,3,4 on the bottom row, X three in column 1: 5 wins, anything but 5 or 1 loses.
    //   727364  X to move, O has 2,3,4 on the bottom row with 1 and 5 both open: every move loses.
    //   7675741 the mirror image of 1213147: 3 wins, anything but 3 or 7 loses.
    private static readonly string[] Lines = ["172737 18", "716151 18", "1213147 18", "727364 -18", "7675741 18"];

    [Fact]
    public void MistakesAreCountedExactlyAcrossBatches()
    {
        var set = Write("hand", Lines);
        // 716151 answered with 2 is a mistake (a loss where 4 wins); 727364 answered with 1 loses, but so does every
        // move there, so it is not.
        var player = new ScriptedPlayer(new() { ["172737"] = 4, ["716151"] = 2, ["1213147"] = 5, ["727364"] = 1, ["7675741"] = 2 });
        var first = ConnectFourPositionEvaluation.Run(player, set, new ConnectFourSolver(16), batchSize: 2, limit: 4);
        Assert.Equal([2, 2], player.Batches);
        Assert.Equal(4, first.Positions);
        Assert.Equal([new PositionMistake(2, "716151", 2, -1, 1)], first.MistakeList);

        // All five: 7675741 answered with 2 is a second mistake.
        var again = new ScriptedPlayer(new() { ["172737"] = 4, ["716151"] = 2, ["1213147"] = 5, ["727364"] = 1, ["7675741"] = 2 });
        var all = ConnectFourPositionEvaluation.Run(again, set, new ConnectFourSolver(16), batchSize: 2);
        Assert.Equal([2, 2, 1], again.Batches);
        Assert.Equal(5, all.Positions);
        Assert.Equal(2, all.Mistakes);
        Assert.Equal([new PositionMistake(2, "716151", 2, -1, 1), new PositionMistake(5, "7675741", 2, -1, 1)], all.MistakeList);
        Assert.Equal(0.4, all.MistakeRate);
        // The Wilson interval of 2 in 5 (textbook value 0.1176 .. 0.7693).
        Assert.Equal(0.117620774, all.MistakeRateLow, 1e-8);
        Assert.Equal(0.769275719, all.MistakeRateHigh, 1e-8);
        Assert.Equal("hand", all.Set);
        Assert.Null(all.PublishedMinimaxPercent);

        // Playing the winning move everywhere: no mistakes, and a batch larger than the file.
        var right = new ScriptedPlayer(new() { ["172737"] = 4, ["716151"] = 4, ["1213147"] = 5, ["727364"] = 7, ["7675741"] = 3 });
        var none = ConnectFourPositionEvaluation.Run(right, set, new ConnectFourSolver(16), batchSize: 64);
        Assert.Equal([5], right.Batches);
        Assert.Equal(0, none.Mistakes);
        Assert.Equal(0, none.MistakeRateLow);
    }

    [Fact]
    public void WilsonIntervalMatchesKnownValues()
    {
        Assert.Equal(new ConfidenceInterval(0, 0.2775327998628892), WilsonInterval.Of(0, 10));
        var threeOfSeven = WilsonInterval.Of(3, 7);
        Assert.Equal(0.15821985525146975, threeOfSeven.Low, 1e-12);
        Assert.Equal(0.7495416354723428, threeOfSeven.High, 1e-12);
        Assert.Equal(1.0, WilsonInterval.Of(10, 10).High);
        Assert.Throws<ArgumentException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentException>(() => WilsonInterval.Of(0, 0));
    }

    [Fact]
    public void PublishedRatesAreFoundByFileName()
    {
        var set = Write("Test_L2_R2", ["172737 18"]);
        var result = ConnectFourPositionEvaluation.Run(new ScriptedPlayer(new() { ["172737"] = 4 }), set, new ConnectFourSolver(16), 8);
        Assert.Equal(0, result.Mistakes);
        Assert.Equal(9.2, result.PublishedMinimaxPercent);
        Assert.Equal(2.5, result.PublishedAlphaZeroPercent);
        Assert.Equal(6, ConnectFourPublishedMistakeRates.All.Count);
    }

    [Fact]
    public void AScoreTheSolverContradictsAndAnIllegalMoveAreErrors()
    {
        var wrong = Write("wrong", ["172737 18", "727364 5"]);
        var player = new ScriptedPlayer(new() { ["172737"] = 4, ["727364"] = 1 });
        var error = Assert.Throws<FormatException>(() => ConnectFourPositionEvaluation.Run(player, wrong, new ConnectFourSolver(16), 4));
        Assert.Equal($"{wrong.Path}:2: score 5 of '727364' says a win for the player to move, but the solver finds a loss", error.Message);

        // Column 1 is full after 111111.
        var full = Write("full", ["1111112 0"]);
        var illegal = Assert.Throws<InvalidOperationException>(() =>
            ConnectFourPositionEvaluation.Run(new ScriptedPlayer(new() { ["1111112"] = 1 }), full, new ConnectFourSolver(16), 4));
        Assert.Equal($"{full.Path}:1: the agent chose column 1, which is not a legal move in '1111112'", illegal.Message);
    }

    private ConnectFourTestSet Write(string name, string[] lines)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return ConnectFourTestSet.Load(path);
    }
}
