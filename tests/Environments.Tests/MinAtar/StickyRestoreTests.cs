using MuZero.Environments.MinAtar;

namespace MuZero.Environments.Tests.MinAtar;

/// <summary>
/// A sticky MinAtar game keeps its last action across resets, so replaying a saved episode onto a fresh game needs that
/// action as the episode began (<see cref="VectorEnvironment.CarriedStatesAtEpisodeStart"/>).
/// </summary>
public sealed class StickyRestoreTests
{
    private static VectorEnvironment Sticky() =>
        new(() => new Breakout(new MinAtarSettings(StickyActionProbability: 0.8, MinimalActionSet: false, Ramping: true)), 1, baseSeed: 3);

    private static (float[] Observations, float[] Rewards) Play(VectorEnvironment vector, int[] actions)
    {
        var observations = new List<float>();
        var rewards = new float[actions.Length];
        var reward = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        for (int t = 0; t < actions.Length; t++)
        {
            vector.Step([actions[t]], reward, terminated, truncated);
            rewards[t] = reward[0];
            observations.AddRange(vector.Observations);
        }
        return (observations.ToArray(), rewards);
    }

    [Fact]
    public void AnEpisodeRestoredWithItsCarriedActionContinuesExactlyAndWithoutItDiverges()
    {
        var random = new Random(5);
        var vector = Sticky();
        var reward = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        // Play into episode 1, whose first step may repeat episode 0's last action. Choosing only left and right (the
        // other actions are no-ops in Breakout), episode 0 ends on an action that moves the paddle, which the no-op a
        // fresh game starts with does not.
        while (vector.EpisodeIndices[0] == 0) vector.Step([random.Next(2) == 0 ? MinAtarAction.Left : MinAtarAction.Right], reward, terminated, truncated);
        var episodeActions = new List<int>();
        for (int t = 0; t < 3; t++)
        {
            int action = MinAtarAction.NoOp; // a sticky step moves the paddle only with the carried action
            vector.Step([action], reward, terminated, truncated);
            episodeActions.Add(action);
        }
        Assert.Equal(1, vector.EpisodeIndices[0]); // still episode 1: the restore below replays a running episode
        int carried = vector.CarriedStatesAtEpisodeStart[0];
        Assert.NotEqual(0, carried);

        int[] next = Enumerable.Range(0, 40).Select(_ => random.Next(6)).ToArray();
        var expected = Play(vector, next);

        var restored = Sticky();
        restored.RestoreEpisode(0, 1, episodeActions.ToArray(), carried);
        Assert.Equal(carried, restored.CarriedStatesAtEpisodeStart[0]);
        var actual = Play(restored, next);
        Assert.Equal(expected.Observations, actual.Observations);
        Assert.Equal(expected.Rewards, actual.Rewards);

        var withoutCarry = Sticky();
        withoutCarry.RestoreEpisode(0, 1, episodeActions.ToArray());
        Assert.NotEqual(expected.Observations, Play(withoutCarry, next).Observations);
    }

    [Fact]
    public void ANewEpisodeRecordsTheActionItInherits()
    {
        var vector = Sticky();
        Assert.Equal(0, vector.CarriedStatesAtEpisodeStart[0]);
        var game = (MinAtarGame)vector[0];
        game.LastAction = 4;
        vector.StartNextEpisode(0);
        Assert.Equal(1, vector.EpisodeIndices[0]);
        Assert.Equal(0, vector.EpisodeSteps[0]);
        Assert.Equal(4, vector.CarriedStatesAtEpisodeStart[0]);
        Assert.Equal(4, game.LastAction); // Reset keeps it, as MinAtar does
    }
}
