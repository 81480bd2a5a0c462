namespace MuZero.Environments.Tests;

public sealed class EnvironmentRegistryTests
{
    [Fact]
    public void CreatesKnownEnvironments()
    {
        Assert.Equal(["cartpole", "tictactoe", "connect4", "gomoku", "minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"],
            EnvironmentRegistry.Names);
        Assert.IsType<CartPole>(EnvironmentRegistry.Create("cartpole"));
        Assert.IsType<TicTacToe>(EnvironmentRegistry.Create("tictactoe"));
        Assert.IsType<ConnectFour>(EnvironmentRegistry.Create("connect4"));
        var gomoku = Assert.IsType<Gomoku>(EnvironmentRegistry.Create("gomoku"));
        Assert.Equal((9, 5), (gomoku.BoardSize, gomoku.WinLength));
        Assert.True(EnvironmentRegistry.Contains("tictactoe"));
        Assert.NotSame(EnvironmentRegistry.Create("cartpole"), EnvironmentRegistry.Create("cartpole"));
    }

    [Fact]
    public void SpecsMatchTheEnvironments()
    {
        foreach (string name in EnvironmentRegistry.Names)
        {
            var spec = EnvironmentRegistry.GetSpec(name);
            Assert.Equal(name, spec.Name);
            Assert.Equal(spec, EnvironmentRegistry.Create(name).Spec);
        }
        Assert.Equal(4, EnvironmentRegistry.GetSpec("cartpole").ObservationSize);
        Assert.Equal(27, EnvironmentRegistry.GetSpec("tictactoe").ObservationSize);
        Assert.Equal(3 * 42, EnvironmentRegistry.GetSpec("connect4").ObservationSize);
        Assert.Equal(3 * 81, EnvironmentRegistry.GetSpec("gomoku").ObservationSize);
        Assert.Equal([3, 15, 15], EnvironmentRegistry.GetSpec("gomoku", new EnvironmentOptions { BoardSize = 15 }).ObservationShape);
    }

    [Fact]
    public void GomokuTakesItsSizeAndWinLengthFromTheOptions()
    {
        var game = Assert.IsType<Gomoku>(EnvironmentRegistry.Create("gomoku", new EnvironmentOptions { BoardSize = 13, WinLength = 4 }));
        Assert.Equal((13, 4), (game.BoardSize, game.WinLength));
        Assert.Equal(new EnvironmentOptions { BoardSize = 9, WinLength = 5 }, EnvironmentRegistry.ResolveOptions("gomoku", EnvironmentOptions.None));
        Assert.Equal(new EnvironmentOptions { BoardSize = 11, WinLength = 5 }, EnvironmentRegistry.ResolveOptions("gomoku", new EnvironmentOptions { BoardSize = 11 }));
        Assert.Equal(EnvironmentOptions.None, EnvironmentRegistry.ResolveOptions("connect4", EnvironmentOptions.None));
    }

    [Theory]
    [InlineData("cartpole", 9, null, "environment.board_size must be absent (cartpole takes no options), got 9")]
    [InlineData("connect4", null, 4, "environment.win_length must be absent (connect4 takes no options), got 4")]
    [InlineData("gomoku", 4, null, "environment.board_size must be in 5..19, got 4")]
    [InlineData("gomoku", 25, null, "environment.board_size must be in 5..19, got 25")]
    [InlineData("gomoku", null, 10, "environment.win_length must be in 3..9 (at most board_size, 9 by default), got 10")]
    [InlineData("gomoku", 7, 8, "environment.win_length must be in 3..7 (at most board_size, 7), got 8")]
    [InlineData("gomoku", 7, 2, "environment.win_length must be in 3..7 (at most board_size, 7), got 2")]
    public void InvalidOptionsAreOneLineNamingTheField(string name, int? boardSize, int? winLength, string message)
    {
        var options = new EnvironmentOptions { BoardSize = boardSize, WinLength = winLength };
        Assert.Equal(message, EnvironmentRegistry.CheckOptions(name, options)?.Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create(name, options)).Message);
    }

    [Fact]
    public void NamesAreMatchedCaseSensitively()
    {
        Assert.False(EnvironmentRegistry.Contains("TicTacToe"));
        Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("TicTacToe"));
    }

    [Fact]
    public void UnknownNameListsKnownNamesOnOneLine()
    {
        var create = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("chess"));
        Assert.Contains("chess", create.Message);
        Assert.Contains("cartpole, tictactoe", create.Message);
        Assert.DoesNotContain('\n', create.Message);

        var spec = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.GetSpec("go"));
        Assert.Contains("cartpole, tictactoe", spec.Message);
    }
}
