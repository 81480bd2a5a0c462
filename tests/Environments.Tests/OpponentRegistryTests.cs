namespace MuZero.Environments.Tests;

public sealed class OpponentRegistryTests
{
    private const string Known = "known opponents: random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS";

    [Fact]
    public void NamesAndPerGameAvailability()
    {
        Assert.Equal(["random", "perfect", "alphabeta:DEPTH", "mcts:PLAYOUTS"], OpponentRegistry.Names);
        Assert.Equal(["random", "perfect", "alphabeta:DEPTH", "mcts:PLAYOUTS"], OpponentRegistry.NamesFor("tictactoe"));
        Assert.Equal(["random", "perfect", "alphabeta:DEPTH", "mcts:PLAYOUTS"], OpponentRegistry.NamesFor("connect4"));
        Assert.Equal(["random", "alphabeta:DEPTH", "mcts:PLAYOUTS"], OpponentRegistry.NamesFor("gomoku"));
        Assert.Equal(["random"], OpponentRegistry.NamesFor("cartpole"));
        Assert.True(OpponentRegistry.IsAvailable("perfect", "tictactoe"));
        Assert.False(OpponentRegistry.IsAvailable("perfect", "cartpole"));
        Assert.True(OpponentRegistry.IsAvailable("perfect", "connect4"));
        Assert.False(OpponentRegistry.IsAvailable("perfect", "gomoku"));
        Assert.True(OpponentRegistry.IsAvailable("alphabeta:4", "gomoku"));
        Assert.True(OpponentRegistry.IsAvailable("mcts:1000", "connect4"));
        Assert.False(OpponentRegistry.IsAvailable("mcts:1000", "cartpole"));
        Assert.False(OpponentRegistry.IsAvailable("Random", "tictactoe")); // names are exact
        Assert.True(OpponentRegistry.Contains("alphabeta:16"));
        Assert.False(OpponentRegistry.Contains("alphabeta:17"));
        Assert.True(OpponentRegistry.HasName("alphabeta:17")); // a registry opponent, with a bad parameter
        Assert.True(OpponentRegistry.HasName("mcts"));
        Assert.False(OpponentRegistry.HasName("runs/x.ckpt"));
        Assert.False(OpponentRegistry.HasName("Mcts:3"));
    }

    [Fact]
    public void CreatesTheOpponentTheSpecNames()
    {
        Assert.IsType<RandomOpponent>(OpponentRegistry.Create("random", "tictactoe", 1));
        Assert.IsType<PerfectTicTacToePlayer>(OpponentRegistry.Create("perfect", "tictactoe", 1));
        var alphaBeta = Assert.IsType<AlphaBetaOpponent>(OpponentRegistry.Create("alphabeta:3", "connect4", 1));
        Assert.Equal(3, alphaBeta.Depth);
        Assert.Equal("alphabeta:3", alphaBeta.Name);
        var mcts = Assert.IsType<MctsOpponent>(OpponentRegistry.Create("mcts:250", "gomoku", 1));
        Assert.Equal(250, mcts.Playouts);
        Assert.Equal("mcts:250", mcts.Name);
    }

    [Theory]
    [InlineData("minimax", "unknown opponent 'minimax'; " + Known)]
    [InlineData("", "unknown opponent ''; " + Known)]
    [InlineData("Alphabeta:3", "unknown opponent 'Alphabeta:3'; " + Known)]
    [InlineData("alphabeta", "opponent 'alphabeta' needs its DEPTH: alphabeta:DEPTH with DEPTH an integer in 1..16; " + Known)]
    [InlineData("alphabeta:", "opponent 'alphabeta:' needs its DEPTH: alphabeta:DEPTH with DEPTH an integer in 1..16; " + Known)]
    [InlineData("alphabeta:0", "opponent 'alphabeta:0': expected alphabeta:DEPTH with DEPTH an integer in 1..16, got '0'; " + Known)]
    [InlineData("alphabeta:17", "opponent 'alphabeta:17': expected alphabeta:DEPTH with DEPTH an integer in 1..16, got '17'; " + Known)]
    [InlineData("alphabeta:-2", "opponent 'alphabeta:-2': expected alphabeta:DEPTH with DEPTH an integer in 1..16, got '-2'; " + Known)]
    [InlineData("mcts:abc", "opponent 'mcts:abc': expected mcts:PLAYOUTS with PLAYOUTS an integer in 1..1000000, got 'abc'; " + Known)]
    [InlineData("mcts:1e3", "opponent 'mcts:1e3': expected mcts:PLAYOUTS with PLAYOUTS an integer in 1..1000000, got '1e3'; " + Known)]
    [InlineData("mcts:99999999999", "opponent 'mcts:99999999999': expected mcts:PLAYOUTS with PLAYOUTS an integer in 1..1000000, got '99999999999'; " + Known)]
    [InlineData("random:3", "opponent 'random:3': random takes no parameter; " + Known)]
    public void MalformedSpecsAreOneLineListingWhatExists(string spec, string message)
    {
        Assert.False(OpponentRegistry.Contains(spec));
        Assert.Equal(message, OpponentRegistry.Problem(spec));
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => OpponentRegistry.Create(spec, "connect4", 1)).Message);
    }

    [Fact]
    public void OpponentsThatCannotPlayTheGameAreOneLine()
    {
        var unavailable = Assert.Throws<ArgumentException>(() => OpponentRegistry.Create("perfect", "cartpole", 1));
        Assert.Equal("opponent 'perfect' cannot play cartpole; opponents for cartpole: random", unavailable.Message);
        Assert.Equal("opponent 'perfect' cannot play gomoku; opponents for gomoku: random, alphabeta:DEPTH, mcts:PLAYOUTS",
            OpponentRegistry.Problem("perfect", "gomoku"));
        Assert.Equal("opponent 'mcts:5' cannot play cartpole; opponents for cartpole: random", OpponentRegistry.Problem("mcts:5", "cartpole"));
    }

    [Fact]
    public void ExpectedDescribesTheParameterOrTheGamesOpponents()
    {
        Assert.Equal("alphabeta:DEPTH with DEPTH an integer in 1..16", OpponentRegistry.Expected("alphabeta:0", "connect4"));
        Assert.Equal("one of random, alphabeta:DEPTH, mcts:PLAYOUTS (the opponents for gomoku)", OpponentRegistry.Expected("perfect", "gomoku"));
        Assert.Equal("one of random (the opponents for cartpole)", OpponentRegistry.Expected("mcts:3", "cartpole"));
    }
}
