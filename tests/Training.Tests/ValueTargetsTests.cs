using MuZero.Training.Replay;

namespace MuZero.Training.Tests;

public sealed class ValueTargetsTests
{
    [Fact]
    public void NStepTargetBootstrapsFromTheRootValueNStepsAhead()
    {
        var game = GameBuilder.Make(rewards: [1, 2, 3, 4, 5], rootValues: [10, 20, 30, 40, 50]);
        var z = new float[5];
        ValueTargets.Compute(game, tdSteps: 2, discount: 0.5, twoPlayer: false, z);
        // z_0 = u1 + 0.5 u2 + 0.25 v2 = 1 + 1 + 7.5
        Assert.Equal(9.5f, z[0], 5);
        // z_2 = 3 + 0.5*4 + 0.25*50 = 17.5
        Assert.Equal(17.5f, z[2], 5);
        // z_3 = 4 + 0.5*5 (terminal: nothing after) = 6.5
        Assert.Equal(6.5f, z[3], 5);
        Assert.Equal(5f, z[4], 5);
    }

    [Fact]
    public void TwoPlayerTargetIsTheFinalOutcomeForThePlayerToMove()
    {
        // Player 0 moves at t = 0, 2, 4 and wins with the last move (reward +1 to the mover).
        var game = GameBuilder.Make(rewards: [0, 0, 0, 0, 1], rootValues: [0, 0, 0, 0, 0]);
        var z = new float[5];
        ValueTargets.Compute(game, tdSteps: 9, discount: 1.0, twoPlayer: true, z);
        Assert.Equal(new float[] { 1, -1, 1, -1, 1 }, z);
    }

    [Fact]
    public void TruncatedEpisodeBootstrapsInsteadOfAbsorbing()
    {
        var game = GameBuilder.Make(rewards: [1, 1, 1], rootValues: [5, 5, 5], terminated: false, truncated: true);
        var z = new float[3];
        ValueTargets.Compute(game, tdSteps: 10, discount: 0.5, twoPlayer: false, z);
        // V(s_3) estimated as (v_2 - u_3) / 0.5 = 8; z_2 = 1 + 0.5 * 8 = 5 = v_2.
        Assert.Equal(5f, z[2], 5);
        // z_0 = 1 + 0.5 + 0.25 + 0.125 * 8 = 2.75
        Assert.Equal(2.75f, z[0], 5);
    }
}
