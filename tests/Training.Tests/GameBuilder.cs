using MuZero.Training.Replay;

namespace MuZero.Training.Tests;

/// <summary>Hand-made trajectories for target and replay tests.</summary>
internal static class GameBuilder
{
    /// <summary>A game with 1-float observations equal to t, 2 actions, the given rewards and root values.</summary>
    public static GameHistory Make(float[] rewards, float[] rootValues, bool terminated = true, bool truncated = false, int[]? actions = null)
    {
        var game = new GameHistory(observationSize: 1, actionCount: 2);
        for (int t = 0; t < rewards.Length; t++)
        {
            int action = actions?[t] ?? t % 2;
            game.AddStep([t], [true, true], t % 2, action, rootValues[t], action == 0 ? [0.75f, 0.25f] : [0.25f, 0.75f]);
            game.SetLastReward(rewards[t]);
        }
        game.Finish(terminated, truncated);
        return game;
    }
}
