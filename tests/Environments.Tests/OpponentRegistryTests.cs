namespace MuZero.Environments.Tests;

public sealed class OpponentRegistryTests
{
    [Fact]
    public void NamesAndPerGameAvailability()
    {
        Assert.Equal(["random", "perfect"], OpponentRegistry.Names);
        Assert.Equal(["random", "perfect"], OpponentRegistry.NamesFor("tictactoe"));
        Assert.Equal(["random"], OpponentRegistry.NamesFor("cartpole"));
        Assert.True(OpponentRegistry.IsAvailable("perfect", "tictactoe"));
        Assert.False(OpponentRegistry.IsAvailable("perfect", "cartpole"));
        Assert.False(OpponentRegistry.IsAvailable("Random", "tictactoe")); // names are exact
    }

    [Fact]
    public void CreatesTheNamedOpponent()
    {
        Assert.IsType<RandomOpponent>(OpponentRegistry.Create("random", "tictactoe", 1));
        Assert.IsType<PerfectTicTacToePlayer>(OpponentRegistry.Create("perfect", "tictactoe", 1));
    }

    [Fact]
    public void UnknownOrUnavailableIsOneLineListingWhatExists()
    {
        var unknown = Assert.Throws<ArgumentException>(() => OpponentRegistry.Create("minimax", "tictactoe", 1));
        Assert.Equal("unknown opponent 'minimax'; known opponents: random, perfect", unknown.Message);
        var unavailable = Assert.Throws<ArgumentException>(() => OpponentRegistry.Create("perfect", "cartpole", 1));
        Assert.Equal("opponent 'perfect' cannot play cartpole; opponents for cartpole: random", unavailable.Message);
    }
}
