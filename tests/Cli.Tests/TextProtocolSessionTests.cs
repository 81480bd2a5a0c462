using MuZero.Cli.Protocol;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Evaluation;
using static TorchSharp.torch;

namespace MuZero.Cli.Tests;

public sealed class TextProtocolSessionTests : IDisposable
{
    private readonly MlpNetwork _network = new(27, 9, new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 });
    private readonly SearchAgent _agent;
    private readonly TextProtocolSession _session;

    public TextProtocolSessionTests()
    {
        var spec = EnvironmentRegistry.GetSpec("tictactoe");
        _agent = new SearchAgent(new NetworkSearchModel(_network, CPU), new SearchConfig { Simulations = 8, Discount = 1 }, spec);
        _session = new TextProtocolSession(_agent, () => EnvironmentRegistry.Create("tictactoe"));
    }

    public void Dispose()
    {
        _agent.Dispose();
        _network.Dispose();
    }

    [Fact]
    public void MovesAreAnsweredAndIllegalOnesChangeNothing()
    {
        Assert.Equal("=", _session.Handle("newgame"));
        Assert.Equal("=", _session.Handle("play 4"));
        Assert.Equal("? illegal move 4", _session.Handle("play 4"));
        Assert.Equal("? action 9 out of range 0..8", _session.Handle("play 9"));
        Assert.Equal("= 0 1 2 3 5 6 7 8", _session.Handle("legal"));

        string answer = _session.Handle("genmove");
        Assert.StartsWith("= ", answer);
        int move = int.Parse(answer[2..]);
        Assert.NotEqual(4, move);
        Assert.Equal("= " + string.Join(' ', new[] { 0, 1, 2, 3, 5, 6, 7, 8 }.Where(a => a != move)), _session.Handle("legal"));
    }

    [Fact]
    public void BoardAnswersTheDiagramOnOneLine()
    {
        Assert.Equal("= .../.../...", _session.Handle("board"));
        Assert.Equal("=", _session.Handle("play 4"));
        Assert.Equal("= .../.X./...", _session.Handle("board"));
        Assert.Equal("? wrong number of arguments for 'board'", _session.Handle("board 2"));
        string move = _session.Handle("genmove")[2..];
        var expected = TicTacToe.FromMoves(4, int.Parse(move));
        Assert.Equal("= " + expected.Diagram, _session.Handle("board"));
    }

    [Fact]
    public void UnknownAndMalformedCommandsAreRejected()
    {
        Assert.Equal("? unknown command 'showboard'", _session.Handle("showboard"));
        Assert.Equal("? not an action index: 'x'", _session.Handle("play x"));
        Assert.Equal("? wrong number of arguments for 'play'", _session.Handle("play"));
        Assert.Equal("? empty command", _session.Handle("   "));
        Assert.Equal("= 0 1 2 3 4 5 6 7 8", _session.Handle("legal"));
    }

    [Fact]
    public void FinishedGameRefusesMovesUntilNewgame()
    {
        // X: 0, 1, 2 wins the top row; O plays 3, 4.
        foreach (string move in new[] { "play 0", "play 3", "play 1", "play 4", "play 2" }) Assert.Equal("=", _session.Handle(move));
        Assert.Equal("? the game is over", _session.Handle("genmove"));
        Assert.Equal("? the game is over", _session.Handle("play 5"));
        Assert.Equal("=", _session.Handle("newgame"));
        Assert.StartsWith("= ", _session.Handle("genmove"));
        Assert.False(_session.Finished);
        Assert.Equal("=", _session.Handle("quit"));
        Assert.True(_session.Finished);
    }

    [Fact]
    public void BareCarriageReturnIsOneMalformedRequest()
    {
        var output = new StringWriter();
        _session.Serve(new StringReader("play\r4\nlegal\r\nquit\n"), output);
        string[] answers = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(a => a.TrimEnd('\r')).ToArray();
        Assert.Equal(["? carriage return inside a line", "= 0 1 2 3 4 5 6 7 8", "="], answers);
        Assert.True(_session.Finished);
    }

    [Fact]
    public void LinesEndAtLfOrCrlfOnly()
    {
        var input = new StringReader("a\r\nb\rc\nd\r");
        Assert.Equal("a", ProtocolLineReader.ReadLine(input));
        Assert.Equal("b\rc", ProtocolLineReader.ReadLine(input));
        Assert.Equal("d\r", ProtocolLineReader.ReadLine(input));
        Assert.Null(ProtocolLineReader.ReadLine(input));
    }
}
