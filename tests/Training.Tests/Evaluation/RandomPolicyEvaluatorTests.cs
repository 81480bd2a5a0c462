using MuZero.Environments;
using MuZero.Environments.MinAtar;
using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class RandomPolicyEvaluatorTests
{
    [Fact]
    public void EqualSeedsGiveEqualReturnsAndOtherSeedsOthers()
    {
        var first = RandomPolicyEvaluator.Run(new SpaceInvaders(), 50, seed: 4);
        var again = RandomPolicyEvaluator.Run(new SpaceInvaders(), 50, seed: 4);
        var other = RandomPolicyEvaluator.Run(new SpaceInvaders(), 50, seed: 5);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(50, first.Returns.Episodes);
    }

    [Fact]
    public void PlaysWholeEpisodes()
    {
        var freeway = RandomPolicyEvaluator.Run(new Freeway(), 3, seed: 1);
        Assert.Equal(Freeway.EpisodeSteps, freeway.MeanSteps);
        // CartPole pays 1 per step, so every return is its episode's length.
        var cartPole = RandomPolicyEvaluator.Run(new CartPole(), 200, seed: 1);
        Assert.Equal(cartPole.MeanSteps, cartPole.Returns.Mean, 9);
        Assert.InRange(cartPole.Returns.Mean, 15, 30); // a random CartPole policy lasts about 22 steps
        Assert.InRange(cartPole.Returns.Min, 8, 15);
    }

    [Fact]
    public void RefusesTwoPlayerGames()
    {
        var error = Assert.Throws<ArgumentException>(() => RandomPolicyEvaluator.Run(new TicTacToe(), 5, seed: 1));
        Assert.Contains("two-player", error.Message);
    }
}
