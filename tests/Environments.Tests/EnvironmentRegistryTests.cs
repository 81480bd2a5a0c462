namespace MuZero.Environments.Tests;

public sealed class EnvironmentRegistryTests
{
    [Fact]
    public void CreatesKnownEnvironments()
    {
        Assert.Equal(["cartpole", "tictactoe"], EnvironmentRegistry.Names);
        Assert.IsType<CartPole>(EnvironmentRegistry.Create("cartpole"));
        Assert.IsType<TicTacToe>(EnvironmentRegistry.Create("tictactoe"));
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
